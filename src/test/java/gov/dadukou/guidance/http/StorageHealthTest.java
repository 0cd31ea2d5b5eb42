package gov.dadukou.guidance.http;

import gov.dadukou.guidance.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestDatabases;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /health} tells a load balancer the truth about writes: 503 naming the database while the last
 * write failed for the storage and none has succeeded since, 200 again once writing works.
 */
class StorageHealthTest {
    private static final String FEEDBACK = "{\"entryId\":\"scjg-yyzz-xingmu\",\"helpful\":true}";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static final TestClock clock = new TestClock(Instant.now());

    @BeforeAll
    static void start() {
        // The faults are made with SQLite's PRAGMA query_only; PostgreSQL's are in store/PostgresStartupTest.
        org.junit.jupiter.api.Assumptions.assumeFalse(TestDatabases.postgres(), "SQLite storage faults");
        server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false), clock);
    }

    @AfterEach
    void healthyAgain() {
        writes(true);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(200, server.get("/health").status());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthTurns503NamingTheDatabaseWhenWritesFailAndRecoversWhenTheyWorkAgain() {
        assertEquals(200, server.get("/health").status());
        assertEquals(201, server.post("/api/feedback", "application/json", FEEDBACK).status());

        writes(false);
        TestServer.Response refused = server.post("/api/feedback", "application/json", FEEDBACK);
        assertEquals(503, refused.status(), refused.body());
        assertEquals("storage_unavailable", refused.json().path("error").path("code").asText());

        TestServer.Response health = server.get("/health");
        assertEquals(503, health.status(), health.body());
        JsonNode body = health.json();
        assertEquals("unavailable", body.path("status").asText());
        assertEquals("database", body.path("failing").asText());
        assertFalse(body.path("database").path("ok").asBoolean(true));
        assertEquals("read_only", body.path("database").path("problem").asText());
        assertTrue(body.path("error").path("message").asText().contains("数据库"), body.toString());

        writes(true);
        clock.advance(Duration.ofSeconds(5)); // past the probe interval: the next poll tries one write itself
        TestServer.Response healed = server.get("/health");
        assertEquals(200, healed.status(), healed.body());
        assertTrue(healed.json().path("database").path("ok").asBoolean());
    }

    @Test
    void whileWritesFailTheHealthCheckTriesAWriteAtMostOncePerInterval() {
        writes(false);
        assertEquals(503, server.post("/api/feedback", "application/json", FEEDBACK).status());
        assertEquals(503, server.get("/health").status()); // this poll tried a write, which failed
        writes(true);
        // Until the interval has passed, polls report that failure instead of writing on every poll.
        assertEquals(503, server.get("/health").status());
        assertEquals(503, server.get("/health").status());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(200, server.get("/health").status());
    }

    /** Every write on the server's connection fails with SQLITE_READONLY while off, as on a file made read-only. */
    private static void writes(boolean on) {
        server.assistant.database().transaction(c -> c.createStatement().execute("PRAGMA query_only = " + (on ? 0 : 1)));
    }

}
