package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.admin.Role;
import gov.dadukou.guidance.admin.StaffService;
import gov.dadukou.guidance.messages.MessageDesk;
import gov.dadukou.guidance.messages.MessageView;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The staff 留言咨询 routes, rows of {@link AdminRoutes#table()} (so guarded like every staff route: session, role,
 * CSRF). Every read of a call-back contact and every change is audited. Stateless apart from its collaborators.
 */
final class MessageRoutes {
    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> REVIEW = EnumSet.of(Role.REVIEWER, Role.ADMIN);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final Set<Role> EDIT = EnumSet.of(Role.EDITOR, Role.ADMIN);
    private static final int MAX_BASES = 10;

    private final MessageDesk desk;
    private final StaffService staff;

    MessageRoutes(MessageDesk desk, StaffService staff) {
        this.desk = desk;
        this.staff = staff;
    }

    List<AdminRoutes.Route> table() {
        String one = "/admin/api/messages/{ticket}";
        return List.of(
                new AdminRoutes.Route("GET", "/admin/api/messages", ALL, false, this::inbox),
                new AdminRoutes.Route("GET", "/admin/api/messages/settings", ALL, false, (ctx, s) -> ctx.json(desk.settings())),
                new AdminRoutes.Route("POST", "/admin/api/messages/settings", ADMIN, true, this::setApproval),
                new AdminRoutes.Route("GET", one, ALL, false, (ctx, s) -> ctx.json(desk.detail(s.account(), ticket(ctx)))),
                new AdminRoutes.Route("GET", one + "/contact", EDIT, false, this::contact),
                new AdminRoutes.Route("POST", one + "/assign", EDIT, true, this::assign),
                new AdminRoutes.Route("POST", one + "/reply", EDIT, true, this::reply),
                new AdminRoutes.Route("POST", one + "/approve", REVIEW, true, this::approve),
                new AdminRoutes.Route("POST", one + "/return", REVIEW, true, this::returnReply),
                new AdminRoutes.Route("POST", one + "/notify", REVIEW, true, this::notifyAgain),
                new AdminRoutes.Route("POST", one + "/draft", EDIT, true, this::draft));
    }

    /** {@code GET /admin/api/messages?department=&queue=triage&open=1&overdue=1}. */
    private void inbox(Context ctx, StaffService.Session s) {
        ctx.json(desk.inbox(s.account(), blankToNull(ctx.queryParam("department")), "triage".equals(ctx.queryParam("queue")),
                "1".equals(ctx.queryParam("open")), "1".equals(ctx.queryParam("overdue"))));
    }

    private void contact(Context ctx, StaffService.Session s) {
        var contact = desk.contact(s.account(), ticket(ctx));
        staff.audit(s.account().username(), "view-message-contact", contact.ticket());
        ctx.json(contact);
    }

    private void assign(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        var d = desk.assign(s.account(), ticket(ctx), Json.optionalString(body, "department"), Json.optionalString(body, "reason"));
        staff.audit(s.account().username(), "assign-message", d.summary().ticket() + " → " + d.summary().department());
        ctx.json(d);
    }

    /** {@code POST …/reply} {"text", "legalBasis": [{"law", "article"?}]}: the same basis structure as an entry's. */
    private void reply(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        JsonNode bases = body.get("legalBasis");
        List<MessageView.Basis> basis = new ArrayList<>();
        if (bases != null && !bases.isNull()) {
            if (!bases.isArray() || bases.size() > MAX_BASES) {
                throw ClientException.badRequest("invalid_legal_basis", "法律依据应是列表，最多" + MAX_BASES + "条。");
            }
            for (JsonNode b : bases) {
                if (!b.isObject() || !b.path("law").isTextual() || (b.has("article") && !b.get("article").isNull() && !b.get("article").isTextual())) {
                    throw ClientException.badRequest("invalid_legal_basis", "每条法律依据应写明法律法规名称（law），条款（article）可选。");
                }
                String law = b.get("law").asText().strip();
                String article = b.path("article").isTextual() ? b.get("article").asText() : null;
                if (law.length() > 100 || (article != null && article.length() > 50)) {
                    throw ClientException.badRequest("invalid_legal_basis", "法律依据过长。");
                }
                basis.add(MessageView.Basis.of(law, article));
            }
        }
        var d = desk.reply(s.account(), ticket(ctx), Json.optionalString(body, "text"), basis);
        staff.audit(s.account().username(), "reply-message", d.summary().ticket());
        ctx.json(d);
    }

    private void approve(Context ctx, StaffService.Session s) {
        var d = desk.approve(s.account(), ticket(ctx));
        staff.audit(s.account().username(), "approve-message-reply", d.summary().ticket());
        ctx.json(d);
    }

    private void returnReply(Context ctx, StaffService.Session s) {
        var d = desk.returnReply(s.account(), ticket(ctx), Json.optionalString(Json.object(ctx), "comment"));
        staff.audit(s.account().username(), "return-message-reply", d.summary().ticket());
        ctx.json(d);
    }

    private void notifyAgain(Context ctx, StaffService.Session s) {
        var d = desk.notifyAgain(s.account(), ticket(ctx));
        staff.audit(s.account().username(), "notify-message", d.summary().ticket());
        ctx.json(d);
    }

    private void draft(Context ctx, StaffService.Session s) {
        var result = desk.draft(s.account(), ticket(ctx));
        staff.audit(s.account().username(), "draft-from-message", result.get("ticket") + " → " + result.get("entryId"));
        ctx.status(201).json(result);
    }

    private void setApproval(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        JsonNode required = body.get("requiresApproval");
        if (required == null || !required.isBoolean()) {
            throw ClientException.badRequest("invalid_requires_approval", "requiresApproval 应是 true 或 false。");
        }
        var setting = desk.setApproval(s.account(), Json.optionalString(body, "department"), required.asBoolean());
        staff.audit(s.account().username(), "message-settings", setting.department() + (setting.requiresApproval() ? " 需审核" : " 免审核"));
        ctx.json(setting);
    }

    private static String ticket(Context ctx) {
        return ctx.pathParam("ticket");
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
