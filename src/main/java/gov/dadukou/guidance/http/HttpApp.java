package gov.dadukou.guidance.http;

import gov.dadukou.guidance.Assistant;
import gov.dadukou.guidance.ClientException;
import io.javalin.Javalin;
import io.javalin.http.Context;
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
        return new AdminRoutes(assistant).table().stream()
                .map(r -> new String[] {r.method(), r.path(), r.roles().stream().map(Enum::name).sorted().reduce((a, b) -> a + "," + b).orElse("")})
                .toList();
    }

    public static Javalin create(Assistant assistant) {
        ChatHandlers chat = new ChatHandlers(assistant);
        ConsentHandlers consent = new ConsentHandlers(assistant.consent());
        ReminderHandlers reminders = new ReminderHandlers(assistant.reminders(), assistant.knowledgeBase(), assistant.entries());
        PublicHandlers pub = new PublicHandlers(assistant);
        WebSecurity security = new WebSecurity(assistant.config().allowedOrigins());
        AdminRoutes admin = new AdminRoutes(assistant);
        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.startup.showJavalinBanner = false;
            config.jetty.host = assistant.config().host();
            config.jetty.port = assistant.config().port();
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });

            // ---- routes ---------------------------------------------------------------------------
            config.routes.before(security::headers);                      // CSP everywhere, CORS on /api/*
            config.routes.options("/api/*", security::preflight);

            // pages (the widget, demo page and their assets are static files under /web)
            config.routes.get("/health", chat::health);
            config.routes.get("/catalogue", ctx -> ctx.html(CATALOGUE_PAGE));
            config.routes.get("/consent", ctx -> ctx.html(CONSENT_PAGE));
            config.routes.get("/admin", ctx -> ctx.html(ADMIN_PAGE));      // also /admin/

            // public API
            config.routes.post("/api/chat", chat::chat);
            config.routes.post("/api/feedback", pub::feedback);
            config.routes.get("/api/catalogue", pub::catalogue);
            config.routes.get("/api/reminders", reminders::active);
            config.routes.get("/api/reminders.ics", reminders::calendar);

            // consent (the business's own record needs its withdrawal token)
            config.routes.get("/api/consent/notice", consent::notice);
            config.routes.post("/api/consents", consent::grant);
            config.routes.post("/api/consents/codes", consent::requestCode);   // one-time code to prove a phone
            config.routes.get("/api/consents/{receiptId}", consent::view);
            config.routes.post("/api/consents/{receiptId}/withdraw", consent::withdraw);
            config.routes.post("/api/consents/{receiptId}/erase", consent::erase);

            // staff API: every route is a row of AdminRoutes.table(), behind the role and CSRF guard
            admin.register(config.routes);

            // ---- errors ---------------------------------------------------------------------------
            config.routes.exception(ClientException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(ctx, e.getStatus()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal_error", "系统繁忙，请稍后再试，或拨打12345政务服务便民热线咨询。");
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.path().startsWith("/api/") || ctx.path().startsWith("/admin/api/")) {
                    error(ctx, 404, "not_found", "您访问的地址不存在。");
                }
            });
            config.routes.error(405, ctx -> error(ctx, 405, "method_not_allowed", "不支持这种请求方式。"));
        });
    }

    private static void httpError(Context ctx, int status) {
        switch (status) {
            case 413 -> error(ctx, 413, "body_too_large", "提交的内容太长了。");
            case 404 -> error(ctx, 404, "not_found", "您访问的地址不存在。");
            case 405 -> error(ctx, 405, "method_not_allowed", "不支持这种请求方式。");
            default -> error(ctx, status >= 500 ? 500 : status, status >= 500 ? "internal_error" : "bad_request",
                    status >= 500 ? "系统繁忙，请稍后再试。" : "请求不正确。");
        }
    }

    static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(ErrorBody.of(code, message));
    }
}
