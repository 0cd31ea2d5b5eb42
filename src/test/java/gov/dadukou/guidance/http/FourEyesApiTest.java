package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An author cannot get round "nobody approves their own" by approving through an account they made or
 * promoted; the version shows who made the approver's account.
 */
class FourEyesApiTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    static final String ENTRY = "/admin/api/entries/cgj-linshi-zhandao-zhuangxie";
    @TempDir
    Path dataDir;

    static String code(HttpResponse<String> r) {
        return r.statusCode() + " " + StaffClient.json(r).path("error").path("code").asText();
    }

    /** The admin writes an entry and submits it for review. */
    static void adminSubmitsAnEntry(StaffClient admin) {
        admin.ok("POST", "/admin/api/entries", EntryWorkflowApiTest.entry("管理员写的答案。").toString());
        admin.ok("POST", ENTRY + "/submit", null);
    }

    @Test
    void aReviewerTheAuthorCreatedCannotApproveButOneCreatedBySomeoneElseCanAndIsShownSo() {
        try (TestServer server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false)
                .withAdminPassword(ADMIN_PASSWORD), new TestClock(Instant.parse("2026-12-01T08:00:00Z")))) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            admin.ok("POST", "/admin/api/accounts", "{\"username\":\"puppet\",\"password\":\"puppet-password-1\",\"role\":\"reviewer\"}");
            server.assistant.staff().create("lawyer1", "lawyer-password-1".toCharArray(), Role.REVIEWER, null);
            adminSubmitsAnEntry(admin);

            StaffClient puppet = StaffClient.login(server, "puppet", "puppet-password-1");
            assertEquals("403 approver_created_by_author", code(puppet.request("POST", ENTRY + "/approve", "{\"comment\":\"同意\"}")));

            StaffClient lawyer = StaffClient.login(server, "lawyer1", "lawyer-password-1");
            lawyer.ok("POST", ENTRY + "/approve", "{\"comment\":\"法制审核通过\"}");
            JsonNode version = lawyer.ok("GET", ENTRY, null).get(0);
            assertEquals("lawyer1", version.get("reviewer").asText());
            assertEquals("system", version.get("reviewerCreatedBy").asText());
        }
    }

    @Test
    void anAccountWhoseRoleTheAuthorChangedCannotApproveForThirtyDays() {
        TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
        try (TestServer server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false)
                .withAdminPassword(ADMIN_PASSWORD), clock)) {
            server.assistant.staff().create("friend1", "friend-password-1".toCharArray(), Role.EDITOR, "区市场监管局");
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            JsonNode promoted = admin.ok("POST", "/admin/api/accounts/friend1/role", "{\"role\":\"reviewer\"}");
            assertEquals("REVIEWER", promoted.get("role").asText());
            adminSubmitsAnEntry(admin);

            StaffClient friend = StaffClient.login(server, "friend1", "friend-password-1");
            assertEquals("403 approver_role_changed_by_author",
                    code(friend.request("POST", ENTRY + "/approve", "{\"comment\":\"同意\"}")));

            clock.advance(Duration.ofDays(31));
            StaffClient later = StaffClient.login(server, "friend1", "friend-password-1");
            later.ok("POST", ENTRY + "/approve", "{\"comment\":\"一个月后，法制审核通过\"}");
        }
    }

    @Test
    void aReviewerWhosePasswordTheAuthorResetCannotApproveTheirVersions() {
        try (TestServer server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false)
                .withAdminPassword(ADMIN_PASSWORD), new TestClock(Instant.parse("2026-12-01T08:00:00Z")))) {
            server.assistant.staff().create("lawyer2", "lawyer-password-2".toCharArray(), Role.REVIEWER, null);
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            admin.ok("POST", "/admin/api/accounts/lawyer2/password", "{\"password\":\"temporary-secret-71\"}");
            adminSubmitsAnEntry(admin);

            // The admin knows the temporary password: signing in as lawyer2 must not make an approval.
            StaffClient asLawyer = StaffClient.login(server, "lawyer2", "temporary-secret-71");
            asLawyer.ok("POST", "/admin/api/me/password", "{\"currentPassword\":\"temporary-secret-71\",\"newPassword\":\"admin-chosen-phrase-8\"}");
            assertEquals("403 approver_password_reset_by_author",
                    code(asLawyer.request("POST", ENTRY + "/approve", "{\"comment\":\"同意\"}")));
        }
    }
}
