package gov.dadukou.guidance.http;

import gov.dadukou.guidance.Assistant;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.StorageFaultException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Builds the configured, unstarted web application from the assistant's services. Every route is in
 * the table below; handlers only parse, call a service and write JSON. Errors are always
 * {@code {"error": {"code", "message"}}} with a Chinese message; a client's mistake is a 4xx.
 */
public final class HttpApp {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);
    /** Bodies above this are refused before parsing; a question is at most 500 characters. */
    private static final long MAX_BODY_BYTES = 16 * 1024;

    /** The catalogue page, served at {@code /catalogue} (it renders {@code /api/catalogue} with catalogue.js). */
    private static final String CATALOGUE_PAGE = resource("/web/catalogue.html");
    /** The withdrawal link's page, {@code /consent?receipt=…&token=…} (consent.js calls the consent API). */
    private static final String CONSENT_PAGE = resource("/web/consent.html");
    /** The status page behind a message's link, {@code /messages/{ticket}?token=…} (messages-page.js calls the API). */
    private static final String MESSAGE_PAGE = resource("/web/message.html");
    /** The staff console's page; it signs in and calls /admin/api with admin.js. */
    private static final String ADMIN_PAGE = resource("/web/admin/index.html");

    private HttpApp() {
    }

    private static String resource(String name) {
        try (var in = HttpApp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The staff routes with their roles, for the test that checks every one of them refuses strangers. */
    public static List<String[]> adminRouteTable(Assistant assistant) {
        return new AdminRoutes(assistant, new ClientAddresses(List.of())).table().stream()
                .map(r -> new String[] {r.method(), r.path(), r.roles().stream().map(Enum::name).sorted().reduce((a, b) -> a + "," + b).orElse("")})
                .toList();
    }

    public static Javalin create(Assistant assistant) {
        ChatHandlers chat = new ChatHandlers(assistant);
        ConsentHandlers consent = new ConsentHandlers(assistant.consent());
        MessageHandlers messages = new MessageHandlers(assistant.messages(), assistant.knowledgeBase().topics());
        ReminderHandlers reminders = new ReminderHandlers(assistant.reminders(), assistant.knowledgeBase(), assistant.entries());
        PublicHandlers pub = new PublicHandlers(assistant);
        CheckHandlers check = new CheckHandlers(assistant.checks());
        WebSecurity security = new WebSecurity(assistant.config().allowedOrigins());
        ClientAddresses addresses = new ClientAddresses(assistant.config().limits().trustedProxies());
        // PostgreSQL: the writes' buckets in the database, one budget per client whichever instance it reaches; SQLite: in memory.
        RateLimits limits = new RateLimits(assistant.config().limits(), assistant.sharedBuckets().orElse(null));
        AdminRoutes admin = new AdminRoutes(assistant, addresses);
        StaticAssets assets = new StaticAssets("/web");
        // Our pages name their scripts and styles by content hash, so those can be cached for good.
        String cataloguePage = assets.stamp(CATALOGUE_PAGE);
        String consentPage = assets.stamp(CONSENT_PAGE);
        String messagePage = assets.stamp(MESSAGE_PAGE);
        String adminPage = assets.stamp(ADMIN_PAGE);
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.startup.showJavalinBanner = false;
            config.jetty.host = assistant.config().host();
            config.jetty.port = assistant.config().port();
            config.jetty.modifyHttpConfiguration(SlowClientGuard::configure);
            config.jetty.modifyServer(server -> {
                SlowClientGuard.install(server, MAX_BODY_BYTES, assistant.config().limits().connectionsPerAddress(),
                        addresses::trusted);
                server.setErrorHandler(new JsonErrorHandler());
            });
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = java.util.Map.of(); // Cache-Control comes from StaticAssets.headers
            });

            // ---- routes ---------------------------------------------------------------------------
            RouteIndex routes = new RouteIndex(config.routes);
            config.routes.before(security::headers);                      // CSP everywhere, CORS on /api/*
            config.routes.before(assets::headers);                        // how long browsers keep web assets
            config.routes.options("/api/*", security::preflight);
            config.routes.before("/api/*", ctx -> {                      // per-address limits on public posts
                if (ctx.method() == HandlerType.POST) {
                    // A check is a read with a counter, like a question: it shares the question limit (docs/security.md).
                    boolean asking = ctx.path().equals("/api/chat") || ctx.path().equals("/api/check");
                    limits.check(asking ? RateLimits.Kind.CHAT : RateLimits.Kind.WRITE, addresses.of(ctx));
                }
            });

            // pages (the widget, demo page and their assets are static files under /web)
            routes.get("/health", chat::health);
            routes.get("/catalogue", ctx -> page(ctx, cataloguePage));
            routes.get("/consent", ctx -> page(ctx, consentPage));
            routes.get("/messages/{ticket}", ctx -> page(ctx, messagePage));  // a message's status, with ?token=
            routes.get("/admin", ctx -> page(ctx, adminPage));      // also /admin/

            // public API
            routes.post("/api/chat", chat::chat);
            routes.post("/api/check", check::check);                  // "我这种情况能不罚吗": answers → outcome
            routes.post("/api/feedback", pub::feedback);
            routes.get("/api/catalogue", pub::catalogue);
            routes.get("/api/reminders", reminders::active);
            routes.get("/api/reminders.ics", reminders::calendar);

            // consent (the business's own record needs its withdrawal token)
            routes.get("/api/consent/notice", consent::notice);
            routes.post("/api/consents", consent::grant);
            routes.post("/api/consents/codes", consent::requestCode);   // one-time code to prove a phone
            routes.get("/api/consents/{receiptId}", consent::view);
            routes.post("/api/consents/{receiptId}/withdraw", consent::withdraw);
            routes.post("/api/consents/{receiptId}/erase", consent::erase);

            // 留言咨询: leave a message for a department; the status and reply need the message's token
            routes.get("/api/messages/notice", messages::notice);
            routes.post("/api/messages", messages::submit);
            routes.get("/api/messages/{ticket}", messages::view);
            routes.post("/api/messages/{ticket}/rating", messages::rate);
            routes.post("/api/messages/{ticket}/withdraw", messages::withdraw);
            routes.post("/api/messages/{ticket}/erase", messages::erase);

            // staff API: every route is a row of AdminRoutes.table(), behind the role and CSRF guard
            admin.register(routes);

            // ---- errors ---------------------------------------------------------------------------
            config.routes.exception(ClientException.class, (e, ctx) -> {
                if (e.retryAfterSeconds() > 0) {
                    ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                error(ctx, e.status(), e.code(), e.getMessage());
            });
            config.routes.exception(StorageFaultException.class, (e, ctx) -> {
                // The operator's problem, not the client's, and not a bug: logged by the database once per fault.
                error(ctx, 503, "storage_unavailable", "系统暂时无法保存，请稍后再试，或拨打12345政务服务便民热线咨询。");
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 404) {
                    notFound(ctx, routes);
                } else {
                    httpError(ctx, e.getStatus());
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                httpError(ctx, 500);
            });
            // Status mappers run after the handlers: an error a handler already wrote (entry_not_found …) stays.
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ERROR_WRITTEN) == null
                        && (ctx.result() == null || ctx.path().startsWith("/api/") || ctx.path().startsWith("/admin/api/"))) {
                    notFound(ctx, routes);
                }
            });
            config.routes.error(405, ctx -> {
                if (ctx.attribute(ERROR_WRITTEN) == null) {
                    httpError(ctx, 405);
                }
            });
        });
    }

    /** A page: revalidated on every visit, so that it always names the current versions of its assets. */
    private static void page(Context ctx, String html) {
        ctx.header("Cache-Control", StaticAssets.PAGE).html(html);
    }

    /** 405 with {@code Allow} when the path exists for other methods, 404 otherwise. */
    private static void notFound(Context ctx, RouteIndex routes) {
        java.util.Set<String> allowed = routes.allowed(ctx.path());
        if (allowed.isEmpty()) {
            httpError(ctx, 404);
        } else {
            ctx.header("Allow", String.join(", ", allowed));
            httpError(ctx, 405);
        }
    }

    private static void httpError(Context ctx, int status) {
        String[] e = JsonErrorHandler.describe(status);
        error(ctx, status >= 500 ? 500 : status, e[0], e[1]);
    }

    /** Set on a context once its error body is written, so that a status mapper does not replace it. */
    private static final String ERROR_WRITTEN = HttpApp.class.getName() + ".errorWritten";

    static void error(Context ctx, int status, String code, String message) {
        ctx.attribute(ERROR_WRITTEN, code);
        ctx.status(status).json(ErrorBody.of(code, message));
    }
}
