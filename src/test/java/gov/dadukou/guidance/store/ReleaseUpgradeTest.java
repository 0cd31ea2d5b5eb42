package gov.dadukou.guidance.store;

import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.consent.ConsentLedger;
import gov.dadukou.guidance.consent.ConsentLedgerTest;
import gov.dadukou.guidance.consent.ConsentService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database made by the release of 2026-12-02 (the last before Flyway: schema in {@code PRAGMA user_version}, no
 * history table; {@code src/test/resources/fixtures/release-2026-12-02}, made by running that release's jar: three
 * consents, one withdrawn, a feedback, a chat question, a check, the first admin) upgrades in place without losing a row.
 */
class ReleaseUpgradeTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/release-2026-12-02");

    @TempDir
    Path dir;

    @Test
    void theLastReleaseBeforeFlywayIsBaselinedAndKeepsEveryRowAndItsLedgerChain() throws Exception {
        Path file = dir.resolve("guidance.db");
        Files.copy(FIXTURE.resolve("guidance.db"), file);
        Files.copy(FIXTURE.resolve("guidance.db.has-data"), dir.resolve("guidance.db.has-data"));
        Map<String, Long> before = rowCounts(file);
        assertEquals(4L, before.get("consent_events"), "the fixture is what it says");

        try (Database db = Database.open(file)) {
            assertTrue(db.schemaVersion() >= 10);
            ConsentService consent = new ConsentService(db, new TestClock(Instant.parse("2026-12-03T00:00:00Z")),
                    ConsentLedgerTest.TOPICS, ConsentLedgerTest.SETTINGS);
            ConsentLedger.Verification check = consent.verify();
            assertTrue(check.ok(), String.valueOf(check));
            assertEquals(4, check.events());
        }
        Map<String, Long> after = rowCounts(file);
        // Every table keeps every row; only the notice table gains one (the test's notice text is not the release's).
        before.forEach((table, rows) -> assertEquals(rows + (table.equals("consent_notices") ? 1 : 0), after.get(table), table));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, version FROM flyway_schema_history ORDER BY installed_rank")) {
            assertTrue(rs.next());
            assertEquals("BASELINE", rs.getString(1));
            assertEquals("10", rs.getString(2));
        }
        // Opening again changes nothing and is not refused.
        try (Database db = Database.open(file)) {
            assertTrue(db.schemaVersion() >= 10);
        }
        assertEquals(after, rowCounts(file));
    }

    static Map<String, Long> rowCounts(Path file) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    + "AND name <> 'flyway_schema_history' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
