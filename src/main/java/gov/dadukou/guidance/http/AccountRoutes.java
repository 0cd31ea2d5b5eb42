package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.admin.Role;
import gov.dadukou.guidance.admin.StaffService;
import io.javalin.http.Context;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Handlers of the account routes in {@link AdminRoutes#table()}: change your own password, and an admin's
 * reset, deactivate, reactivate, unlock and role change. They only parse and call {@link StaffService},
 * which checks the rules and writes the audit log; the guard has already checked the session, role and
 * CSRF token. Stateless apart from its collaborators; thread-safe.
 */
final class AccountRoutes {
    private final StaffService staff;
    private final ClientAddresses addresses;
    /** Returns the department unchanged when the knowledge base knows it, throws a 400 otherwise. */
    private final UnaryOperator<String> knownDepartment;

    AccountRoutes(StaffService staff, ClientAddresses addresses, UnaryOperator<String> knownDepartment) {
        this.staff = staff;
        this.addresses = addresses;
        this.knownDepartment = knownDepartment;
    }

    void changeOwnPassword(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        staff.changeOwnPassword(s.account(), ctx.cookie(AdminRoutes.COOKIE), chars(Json.optionalString(body, "currentPassword")),
                chars(Json.optionalString(body, "newPassword")), addresses.of(ctx));
        ctx.json(Map.of("status", "password_changed"));
    }

    void resetPassword(Context ctx, StaffService.Session s) {
        staff.resetPassword(s.account(), ctx.pathParam("username"), chars(Json.optionalString(Json.object(ctx), "password")));
        ctx.json(Map.of("username", ctx.pathParam("username"), "status", "must_change_password"));
    }

    void deactivate(Context ctx, StaffService.Session s) {
        staff.deactivate(s.account(), ctx.pathParam("username"));
        ctx.json(Map.of("username", ctx.pathParam("username"), "status", "inactive"));
    }

    void reactivate(Context ctx, StaffService.Session s) {
        staff.reactivate(s.account(), ctx.pathParam("username"));
        ctx.json(Map.of("username", ctx.pathParam("username"), "status", "active"));
    }

    void unlock(Context ctx, StaffService.Session s) {
        staff.unlock(s.account(), ctx.pathParam("username"));
        ctx.json(Map.of("username", ctx.pathParam("username"), "status", "unlocked"));
    }

    void changeRole(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        Role role = Role.fromCode(String.valueOf(Json.optionalString(body, "role")))
                .orElseThrow(() -> ClientException.badRequest("invalid_role", "角色只能是 editor、reviewer 或 admin。"));
        ctx.json(staff.changeRole(s.account(), ctx.pathParam("username"), role, knownDepartment.apply(Json.optionalString(body, "department"))));
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
