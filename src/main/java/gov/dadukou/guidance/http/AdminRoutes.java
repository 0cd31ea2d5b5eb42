package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.Assistant;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.admin.EntryQueues;
import gov.dadukou.guidance.chat.FeedbackService;
import gov.dadukou.guidance.admin.QuestionGaps;
import gov.dadukou.guidance.admin.Role;
import gov.dadukou.guidance.admin.StaffService;
import gov.dadukou.guidance.reminders.DeliveryScheduler;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The staff API under {@code /admin/api}. Every route is in {@link #table()} with the roles it allows;
 * each is registered through one guard, so a route without roles cannot exist: deny by default. The
 * guard needs a session cookie (401 without), one of the route's roles (403) and, for state-changing
 * routes, the session's CSRF token in {@code X-CSRF-Token} (403). Only login is open. An account whose
 * password an admin reset may only read who it is, sign out and change its password until it has (403
 * {@code password_change_required}). Every response under {@code /admin/api/}, errors and login included,
 * is {@code Cache-Control: no-store}: staff data must not stay in a shared or browser cache.
 */
final class AdminRoutes {
    static final String COOKIE = "ddk_staff";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> REVIEW = EnumSet.of(Role.REVIEWER, Role.ADMIN);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final Set<Role> EDIT = EnumSet.of(Role.EDITOR, Role.ADMIN);
    /** What an account that must change its password may still do. */
    private static final Set<String> DURING_FORCED_CHANGE = Set.of("/admin/api/me", "/admin/api/logout", "/admin/api/me/password");

    /** A staff handler, given the signed-in account. */
    @FunctionalInterface
    interface StaffHandler {
        void handle(Context ctx, StaffService.Session session);
    }

    /** One row of the route table. */
    record Route(String method, String path, Set<Role> roles, boolean changesState, StaffHandler handler) {
    }

    private final Assistant assistant;
    private final StaffService staff;

    private final ClientAddresses addresses;
    private final AccountRoutes accountRoutes;
    private final EntryQueues queues;
    private final ReviewRoutes reviewRoutes;
    private final EntryRoutes entryRoutes;
    private final AuditRoutes auditRoutes;
    private final MessageRoutes messageRoutes;

    AdminRoutes(Assistant assistant, ClientAddresses addresses) {
        this.assistant = assistant;
        this.addresses = addresses;
        this.staff = assistant.staff();
        this.accountRoutes = new AccountRoutes(staff, addresses, this::knownDepartment);
        this.queues = new EntryQueues(assistant.database(), assistant.clock());
        this.reviewRoutes = new ReviewRoutes(assistant, queues);
        this.auditRoutes = new AuditRoutes(new gov.dadukou.guidance.admin.AuditTrail(assistant.database()), staff);
        this.entryRoutes = new EntryRoutes(assistant, this::knownDepartment);
        this.messageRoutes = new MessageRoutes(assistant.messageDesk(), staff);
    }

    List<Route> table() {
        List<Route> rows = new java.util.ArrayList<>(List.of(
                new Route("GET", "/admin/api/me", ALL, false, this::me),
                new Route("POST", "/admin/api/logout", ALL, true, this::logout),
                new Route("POST", "/admin/api/me/password", ALL, true, accountRoutes::changeOwnPassword),
                new Route("GET", "/admin/api/questions/gaps", ALL, false, this::gaps),
                new Route("GET", "/admin/api/feedback", ALL, false, this::feedback),
                new Route("GET", "/admin/api/feedback/reasons", ALL, false, this::feedbackReasons),
                new Route("GET", "/admin/api/consents", REVIEW, false, this::consents),
                new Route("GET", "/admin/api/ledger/verify", REVIEW, false, this::verifyLedger),
                new Route("GET", "/admin/api/deliveries", REVIEW, false, this::deliveries),
                new Route("GET", "/admin/api/deliveries/counts", REVIEW, false, this::deliveryCounts),
                new Route("GET", "/admin/api/accounts", ADMIN, false, this::accounts),
                new Route("POST", "/admin/api/accounts", ADMIN, true, this::createAccount),
                new Route("POST", "/admin/api/accounts/{username}/password", ADMIN, true, accountRoutes::resetPassword),
                new Route("POST", "/admin/api/accounts/{username}/deactivate", ADMIN, true, accountRoutes::deactivate),
                new Route("POST", "/admin/api/accounts/{username}/reactivate", ADMIN, true, accountRoutes::reactivate),
                new Route("POST", "/admin/api/accounts/{username}/unlock", ADMIN, true, accountRoutes::unlock),
                new Route("POST", "/admin/api/accounts/{username}/role", ADMIN, true, accountRoutes::changeRole),
                new Route("GET", "/admin/api/audit", ADMIN, false, auditRoutes::list),
                new Route("GET", "/admin/api/audit.csv", ADMIN, false, auditRoutes::csv),
                new Route("GET", "/admin/api/vocabulary", ALL, false, this::vocabulary),
                new Route("GET", "/admin/api/entries", ALL, false, entryRoutes::entries),
                new Route("POST", "/admin/api/entries", EDIT, true, entryRoutes::createEntry),
                new Route("GET", "/admin/api/entries/{id}", ALL, false, entryRoutes::entryHistory),
                new Route("GET", "/admin/api/entries/{id}/diff", ALL, false, entryRoutes::entryDiff),
                new Route("GET", "/admin/api/entries/{id}/feedback", ALL, false, this::entryFeedback),
                new Route("POST", "/admin/api/entries/{id}/versions", EDIT, true, entryRoutes::reviseEntry),
                new Route("POST", "/admin/api/entries/{id}/submit", EDIT, true, entryRoutes::submitEntry),
                new Route("POST", "/admin/api/entries/{id}/approve", REVIEW, true, entryRoutes::approveEntry),
                new Route("POST", "/admin/api/entries/{id}/reject", REVIEW, true, entryRoutes::rejectEntry),
                new Route("POST", "/admin/api/entries/{id}/publish", REVIEW, true, entryRoutes::publishEntry),
                new Route("POST", "/admin/api/entries/{id}/retire", REVIEW, true, entryRoutes::retireEntry),
                new Route("POST", "/admin/api/import", ADMIN, true, entryRoutes::importShipped),
                new Route("POST", "/admin/api/import/html", EDIT, true, entryRoutes::importHtml),
                new Route("POST", "/admin/api/questions/draft", EDIT, true, entryRoutes::draftFromQuestion),
                new Route("POST", "/admin/api/questions/phrasing", EDIT, true, entryRoutes::addPhrasing),
                new Route("GET", "/admin/api/questions/targets", EDIT, false, entryRoutes::phrasingTargets),
                new Route("GET", "/admin/api/consents.csv", REVIEW, false, this::consentsCsv),
                new Route("GET", "/admin/api/report", REVIEW, false, this::report),
                new Route("GET", "/admin/api/report.csv", REVIEW, false, this::reportCsv),
                new Route("GET", "/admin/api/queue", ALL, false, reviewRoutes::queue),
                new Route("GET", "/admin/api/queue/counts", ALL, false, reviewRoutes::queueCounts),
                new Route("GET", "/admin/api/entries/{id}/preview", ALL, false, reviewRoutes::entryPreview),
                new Route("POST", "/admin/api/entries/{id}/verification", EDIT, true, reviewRoutes::confirmVerification)));
        rows.addAll(messageRoutes.table()); // 留言咨询
        return List.copyOf(rows);
    }

    void register(RouteIndex routes) {
        routes.before("/admin/api/*", ctx -> ctx.header("Cache-Control", "no-store")); // before any handler or error
        routes.post("/admin/api/login", this::login);
        for (Route r : table()) {
            if (r.method().equals("GET")) {
                routes.get(r.path(), ctx -> guarded(ctx, r));
            } else {
                routes.post(r.path(), ctx -> guarded(ctx, r));
            }
        }
    }

    private void guarded(Context ctx, Route route) {
        StaffService.Session session = staff.session(ctx.cookie(COOKIE))
                .orElseThrow(() -> new ClientException(401, "not_signed_in", "请先登录。"));
        if (!route.roles().contains(session.account().role())) {
            throw new ClientException(403, "forbidden", "您的账号没有权限进行此操作。");
        }
        if (route.changesState() && !session.csrfToken().equals(ctx.header(CSRF_HEADER))) {
            throw new ClientException(403, "csrf_invalid", "页面已过期，请刷新后重试。");
        }
        if (session.account().mustChangePassword() && !DURING_FORCED_CHANGE.contains(route.path())) {
            throw new ClientException(403, "password_change_required", "管理员已重置您的密码，请先修改密码。");
        }
        route.handler().handle(ctx, session);
    }

    private void login(Context ctx) {
        JsonNode body = Json.object(ctx);
        String password = Json.optionalString(body, "password");
        StaffService.Login login = staff.login(Json.optionalString(body, "username"),
                password == null ? new char[0] : password.toCharArray(), addresses.of(ctx));
        Cookie cookie = new Cookie(COOKIE, login.token());
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setPath("/admin");
        cookie.setSecure("https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
        cookie.setMaxAge((int) Duration.between(assistant.clock().instant(), login.expiresAt()).toSeconds());
        ctx.cookie(cookie);
        ctx.json(Map.of("username", login.account().username(), "role", login.account().role().code(), "csrfToken", login.csrfToken(),
                "mustChangePassword", login.account().mustChangePassword()));
    }

    private void me(Context ctx, StaffService.Session s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", s.account().username());
        body.put("role", s.account().role().code());
        body.put("department", s.account().department());
        body.put("csrfToken", s.csrfToken());
        body.put("mustChangePassword", s.account().mustChangePassword());
        ctx.json(body);
    }

    private void logout(Context ctx, StaffService.Session s) {
        staff.logout(ctx.cookie(COOKIE));
        ctx.removeCookie(COOKIE, "/admin");
        ctx.json(Map.of("status", "signed_out"));
    }

    private void gaps(Context ctx, StaffService.Session s) {
        int days = intParam(ctx, "days", 7, 1, 366);
        var rows = assistant.questions().since(assistant.clock().instant().minus(Duration.ofDays(days)), true, QuestionGaps.MAX_QUESTIONS);
        QuestionGaps.Report report = assistant.gaps().report(rows);
        ctx.json(Map.of("days", days, "questions", rows.size(), "examined", report.examined(), "gaps", report.top(10)));
    }

    private void feedback(Context ctx, StaffService.Session s) {
        ctx.json(assistant.feedback().countsByEntry());
    }

    /** {@code GET /admin/api/feedback/reasons?limit=}: reasons given with feedback, masked, newest first, with the question. */
    private void feedbackReasons(Context ctx, StaffService.Session s) {
        assistant.questions().flush(); // so that a question asked just now is there to link
        ctx.json(assistant.feedback().reasons(null, intParam(ctx, "limit", 200, 1, FeedbackService.MAX_LISTED)));
    }

    /** {@code GET /admin/api/entries/{id}/feedback?limit=}: an entry's counts and reasons, newest first. */
    private void entryFeedback(Context ctx, StaffService.Session s) {
        assistant.questions().flush();
        ctx.json(assistant.feedback().forEntry(ctx.pathParam("id"), intParam(ctx, "limit", 50, 1, FeedbackService.MAX_LISTED)));
    }

    /** Every consent, or with {@code ?code=K7QM-3XPD} those of the short receipt code a caller read out. */
    private void consents(Context ctx, StaffService.Session s) {
        String code = ctx.queryParam("code");
        staff.audit(s.account().username(), "view-consents", code == null ? "phones masked"
                : "phones masked, receipt code " + gov.dadukou.guidance.consent.ReceiptCode.normalise(code.length() > 20 ? code.substring(0, 20) : code));
        ctx.json(code == null ? assistant.consent().all(false) : assistant.consent().byReceiptCode(code));
    }

    private void verifyLedger(Context ctx, StaffService.Session s) {
        staff.audit(s.account().username(), "verify-ledger", null);
        ctx.json(assistant.consent().verify());
    }

    /** The latest 200 deliveries; {@code ?status=failed&before=ID&size=N} pages through one status or all, newest first. */
    private void deliveries(Context ctx, StaffService.Session s) {
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank() && !DeliveryScheduler.STATUSES.contains(status.strip())) {
            throw ClientException.badRequest("invalid_status", "参数 status 只能是 " + String.join("、", DeliveryScheduler.STATUSES) + " 之一。");
        }
        String before = ctx.queryParam("before");
        long beforeId;
        try {
            beforeId = before == null || before.isBlank() ? Long.MAX_VALUE : Long.parseLong(before.strip());
        } catch (NumberFormatException e) {
            beforeId = 0;
        }
        if (beforeId < 1) {
            throw ClientException.badRequest("invalid_before", "参数 before 应是一条推送记录的编号（正整数）。");
        }
        ctx.json(DeliveryScheduler.page(assistant.database(), status == null || status.isBlank() ? null : status.strip(), beforeId,
                intParam(ctx, "size", 200, 1, 500)));
    }

    private void deliveryCounts(Context ctx, StaffService.Session s) {
        ctx.json(DeliveryScheduler.counts(assistant.database()));
    }

    private void accounts(Context ctx, StaffService.Session s) {
        ctx.json(staff.accounts());
    }

    private void createAccount(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        String password = Json.optionalString(body, "password");
        Role role = Role.fromCode(String.valueOf(Json.optionalString(body, "role")))
                .orElseThrow(() -> ClientException.badRequest("invalid_role", "角色只能是 editor、reviewer 或 admin。"));
        String department = knownDepartment(Json.optionalString(body, "department"));
        StaffService.Account created = staff.create(s.account(), Json.optionalString(body, "username"),
                password == null ? new char[0] : password.toCharArray(), role, department);
        staff.audit(s.account().username(), "create-account", created.username() + " as " + role.code());
        ctx.status(201).json(created);
    }

    private void vocabulary(Context ctx, StaffService.Session s) {
        var kb = assistant.knowledgeBase();
        ctx.json(Map.of(
                "kinds", gov.dadukou.guidance.knowledge.Kind.labels(),
                "methods", gov.dadukou.guidance.knowledge.Method.labels(),
                "departments", kb.departments().stream().map(d -> d.name()).toList(),
                "topics", kb.topics()));
    }

    private void consentsCsv(Context ctx, StaffService.Session s) {
        staff.audit(s.account().username(), "export-consents", "phones masked");
        var out = new java.io.StringWriter();
        try {
            gov.dadukou.guidance.consent.ConsentCsv.write(assistant.consent().all(false), out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing to memory", e);
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"consents.csv\"");
        ctx.result(out.toString());
    }

    private void report(Context ctx, StaffService.Session s) {
        assistant.questions().flush();
        var body = Json.MAPPER.valueToTree(assistant.report().weekly(intParam(ctx, "weeks", 12, 1, 104)));
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).putPOJO("verification", queues.verificationByDepartment());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).putPOJO("messages",
                assistant.messageStats().section(intParam(ctx, "weeks", 12, 1, 104)));
        ctx.json(body);
    }

    private void reportCsv(Context ctx, StaffService.Session s) {
        assistant.questions().flush();
        staff.audit(s.account().username(), "export-report", "weeks=" + intParam(ctx, "weeks", 12, 1, 104));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"guidance-report.csv\"");
        int weeks = intParam(ctx, "weeks", 12, 1, 104);
        ctx.result(assistant.report().csv(weeks) + "\r\n" + assistant.messageStats().csv(weeks)); // 留言咨询 as its own section
    }

    private String knownDepartment(String department) {
        if (department != null && !department.isBlank() && assistant.knowledgeBase().department(department).isEmpty()) {
            throw ClientException.badRequest("unknown_department", "没有这个实施单位：" + department + "。");
        }
        return department;
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ClientException.badRequest("invalid_" + name, "参数 " + name + " 应是 " + min + "–" + max + " 之间的整数。");
        }
    }
}
