package gov.dadukou.guidance.http;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.Cidr;
import gov.dadukou.guidance.PostgresServer;
import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.store.PostgresSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one PostgreSQL database, requests alternating between them as a load balancer sends
 * them: staff sessions and their CSRF tokens, login delays and the public API's rate limits behave exactly
 * as on one instance; only the question limit is per instance, on purpose (see RateLimits). Both trust 127.0.0.1 as their proxy, so each test's client has its own address.
 */
// Already on PostgreSQL in the default run: Maven's second run (every server on PostgreSQL) need not repeat it.
@DisabledIfSystemProperty(named = "test.database", matches = "postgresql")
class TwoInstancesSharedStateTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    static final int LIMIT = 3;
    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    static final TestClock CLOCK = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
    static PostgresServer.Database database;
    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() {
        database = PostgresServer.shared().createDatabase();
        PostgresSettings settings = new PostgresSettings(database.url(), database.user(), database.password(), 4);
        AppConfig.Limits limits = new AppConfig.Limits(LIMIT, LIMIT, List.of(Cidr.parse("127.0.0.1/32")), 0);
        a = new TestServer(config(dirA, settings, limits), CLOCK);
        b = new TestServer(config(dirB, settings, limits), CLOCK);
    }

    private static AppConfig config(Path dir, PostgresSettings settings, AppConfig.Limits limits) {
        return AppConfig.forDirs(dir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD)
                .withLimits(limits).withDatabase(settings);
    }

    @AfterAll
    static void stop() {
        try (TestServer x = a; TestServer y = b) {
            // closed in reverse order
        } finally {
            PostgresServer.shared().dropDatabase(database);
        }
    }

    private static TestServer instance(int i) {
        return i % 2 == 0 ? a : b;
    }

    @Test
    void aStaffSessionMadeOnOneInstanceWorksOnTheOtherAndALogoutThereEndsItOnBoth() {
        StaffClient onA = StaffClient.signIn(a, "203.0.113.50", "admin", ADMIN_PASSWORD);
        StaffClient onB = new StaffClient(b, onA.cookie(), onA.csrf());
        assertEquals("admin", onB.ok("GET", "/admin/api/me", null).get("username").asText());
        onB.ok("POST", "/admin/api/accounts", "{\"username\":\"editor50\",\"password\":\"editor-password-50\",\"role\":\"editor\",\"department\":\"区市场监管局\"}");
        assertEquals(403, StaffClient.send(b, "POST", "/admin/api/accounts/editor50/deactivate", onA.cookie(), "not-the-token", null).statusCode(),
                "B checks the CSRF token A issued, and refuses another");
        assertTrue(onA.ok("GET", "/admin/api/accounts", null).toString().contains("editor50"), "A sees the account made through B");

        onB.ok("POST", "/admin/api/logout", null);
        assertEquals(401, onA.request("GET", "/admin/api/me", null).statusCode(), "signed out through B, the cookie is dead on A");
    }

    @Test
    void loginFailuresSpreadOverBothInstancesAreDelayedAtTheFourthAsOnOne() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, StaffClient.loginFrom(instance(i), "203.0.113.60", "admin", "wrong-password-" + i).statusCode(), "try " + (i + 1));
        }
        HttpResponse<String> fourth = StaffClient.loginFrom(instance(3), "203.0.113.60", "admin", ADMIN_PASSWORD);
        assertEquals(429, fourth.statusCode(), fourth.body());
        assertEquals("2", fourth.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(429, StaffClient.loginFrom(a, "203.0.113.60", "admin", ADMIN_PASSWORD).statusCode(), "and on the other one too");
        CLOCK.advance(Duration.ofSeconds(2));
        assertEquals(200, StaffClient.loginFrom(b, "203.0.113.60", "admin", ADMIN_PASSWORD).statusCode());
    }

    @Test
    void publicWritesSpreadOverBothInstancesAreRefusedAtTheFourthNotTheSeventh() {
        for (int i = 0; i < LIMIT; i++) {
            int status = write(instance(i), "203.0.113.70").statusCode();
            assertTrue(status != 429 && status < 500, "write " + (i + 1) + ": " + status);
        }
        HttpResponse<String> fourth = write(instance(LIMIT), "203.0.113.70");
        assertEquals(429, fourth.statusCode(), fourth.body());
        assertTrue(StaffClient.json(fourth).at("/error/message").asText().contains("提交太频繁"), fourth.body());
        long retry = Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry > 60 && retry <= 3600, "an hourly budget: " + retry);
        assertEquals(429, write(instance(LIMIT + 1), "203.0.113.70").statusCode(), "the other instance refuses it as well");
        assertTrue(write(a, "203.0.113.71").statusCode() != 429, "another client has its own budget");
    }

    @Test
    void questionsAreLimitedPerInstanceSoEachInstanceAnswersAtMostItsOwnBudget() {
        String question = "{\"question\":\"营业执照要挂出来吗\"}";
        for (int i = 0; i < 2 * LIMIT; i++) {
            assertEquals(200, StaffClient.send(instance(i), "POST", "/api/chat", null, null, question, "203.0.113.80").statusCode(),
                    "question " + (i + 1) + ": " + LIMIT + " a minute on each instance");
        }
        HttpResponse<String> over = StaffClient.send(a, "POST", "/api/chat", null, null, question, "203.0.113.80");
        assertEquals(429, over.statusCode(), over.body());
        assertEquals("rate_limited", StaffClient.json(over).at("/error/code").asText());
        long retry = Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
    }

    private static HttpResponse<String> write(TestServer server, String client) {
        return StaffClient.send(server, "POST", "/api/feedback", null, null, "{\"helpful\":true}", client);
    }
}
