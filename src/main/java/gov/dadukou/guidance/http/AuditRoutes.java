package gov.dadukou.guidance.http;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.admin.AuditTrail;
import gov.dadukou.guidance.admin.StaffService;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Handlers of the admin's audit view in {@link AdminRoutes#table()}: {@code GET /admin/api/audit} and
 * {@code /admin/api/audit.csv}, both with the optional filters {@code user}, {@code action}, {@code from}
 * and {@code to} (Beijing dates, {@code 2026-12-02}, both included) and {@code limit}. An export is itself
 * audited. Stateless apart from its collaborators; thread-safe.
 */
final class AuditRoutes {
    private final AuditTrail trail;
    private final StaffService staff;

    AuditRoutes(AuditTrail trail, StaffService staff) {
        this.trail = trail;
        this.staff = staff;
    }

    void list(Context ctx, StaffService.Session s) {
        ctx.json(trail.find(query(ctx, 200)));
    }

    void csv(Context ctx, StaffService.Session s) {
        AuditTrail.Query q = query(ctx, AuditTrail.MAX_ROWS);
        staff.audit(s.account().username(), "export-audit", describe(q));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"audit.csv\"");
        ctx.result(trail.csv(q));
    }

    private static AuditTrail.Query query(Context ctx, int fallbackLimit) {
        return new AuditTrail.Query(blankToNull(ctx.queryParam("user")), blankToNull(ctx.queryParam("action")),
                date(ctx, "from"), date(ctx, "to"), limit(ctx, fallbackLimit));
    }

    private static String describe(AuditTrail.Query q) {
        return "user=" + (q.username() == null ? "*" : q.username()) + " action=" + (q.action() == null ? "*" : q.action())
                + " from=" + (q.from() == null ? "*" : q.from()) + " to=" + (q.to() == null ? "*" : q.to());
    }

    private static LocalDate date(Context ctx, String name) {
        String v = blankToNull(ctx.queryParam(name));
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ClientException.badRequest("invalid_" + name, "日期 " + name + " 应写成 2026-12-02 的形式。");
        }
    }

    private static int limit(Context ctx, int fallback) {
        String v = blankToNull(ctx.queryParam("limit"));
        try {
            int n = v == null ? fallback : Integer.parseInt(v);
            if (n < 1 || n > AuditTrail.MAX_ROWS) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ClientException.badRequest("invalid_limit", "参数 limit 应是 1–" + AuditTrail.MAX_ROWS + " 之间的整数。");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
