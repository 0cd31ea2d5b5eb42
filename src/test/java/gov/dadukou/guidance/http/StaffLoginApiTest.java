package gov.dadukou.guidance.http;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.Cidr;
import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff login seen from outside, behind a trusted proxy: answers say nothing about which usernames exist,
 * a stranger cannot lock anyone out, and delays pass. Each test uses its own client addresses.
 */
class StaffLoginApiTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    @TempDir
    static Path dataDir;
    static TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        AppConfig.Limits proxy = new AppConfig.Limits(0, 0, List.of(Cidr.parse("127.0.0.1/32")), 0);
        server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD)
                .withLimits(proxy), clock);
        StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
        admin.ok("POST", "/admin/api/accounts", "{\"username\":\"reviewer1\",\"password\":\"reviewer-password-1\",\"role\":\"reviewer\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Status, Retry-After and body: everything a client sees of an answer. */
    static String seen(HttpResponse<String> r) {
        return r.statusCode() + " " + r.headers().firstValue("Retry-After").orElse("-") + " " + r.body();
    }

    @Test
    void anExistingAndAnUnknownUsernameGetTheSameAnswerAttemptAfterAttempt() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            String known = seen(StaffClient.loginFrom(server, "203.0.113.10", "reviewer1", "wrong-password-123"));
            String unknown = seen(StaffClient.loginFrom(server, "203.0.113.10", "reviewer9", "wrong-password-123"));
            assertEquals(known, unknown, "attempt " + attempt);
            assertTrue(known.startsWith(attempt <= 3 ? "401 - " : "429 "), "attempt " + attempt + ": " + known);
        }
    }

    @Test
    void aStrangerTypingWrongPasswordsDoesNotLockTheAdminOut() {
        for (int i = 0; i < 8; i++) {
            int status = StaffClient.loginFrom(server, "203.0.113.20", "admin", "guess-" + i + "-password").statusCode();
            assertTrue(status == 401 || status == 429, "status " + status);
        }
        assertEquals(429, StaffClient.loginFrom(server, "203.0.113.20", "admin", ADMIN_PASSWORD).statusCode(),
                "the guessing address is refused even with the right password");
        assertEquals(200, StaffClient.loginFrom(server, "198.51.100.20", "admin", ADMIN_PASSWORD).statusCode(),
                "the admin at their own address signs in");
    }

    @Test
    void theDelayPassesAndTheRightPasswordThenSignsIn() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, StaffClient.loginFrom(server, "203.0.113.30", "reviewer1", "wrong-password-123").statusCode());
        }
        HttpResponse<String> refused = StaffClient.loginFrom(server, "203.0.113.30", "reviewer1", "reviewer-password-1");
        assertEquals(429, refused.statusCode());
        assertEquals("2", refused.headers().firstValue("Retry-After").orElseThrow());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, StaffClient.loginFrom(server, "203.0.113.30", "reviewer1", "reviewer-password-1").statusCode());
        assertEquals(401, StaffClient.loginFrom(server, "203.0.113.30", "reviewer1", "wrong-password-123").statusCode(),
                "a success starts the count again");
    }

    @Test
    void everyStaffApiAnswerIsNotStoredInAnyCache() {
        HttpResponse<String> failedLogin = StaffClient.loginFrom(server, "203.0.113.40", "nobody", "wrong-password-123");
        HttpResponse<String> anonymous = StaffClient.send(server, "GET", "/admin/api/me", null, null, null);
        HttpResponse<String> missing = StaffClient.send(server, "GET", "/admin/api/no-such-route", null, null, null);
        StaffClient admin = StaffClient.signIn(server, "203.0.113.41", "admin", ADMIN_PASSWORD);
        HttpResponse<String> me = admin.request("GET", "/admin/api/me", null);
        for (HttpResponse<String> r : List.of(failedLogin, anonymous, missing, me)) {
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), r.uri() + " " + r.statusCode());
        }
        assertEquals(404, missing.statusCode());
    }
}
