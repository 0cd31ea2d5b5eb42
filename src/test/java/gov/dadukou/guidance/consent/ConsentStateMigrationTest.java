package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.store.Database;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database written by the previous version (schema 5) upgrades in place, keeping every row. */
class ConsentStateMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aVersionFiveDatabaseUpgradesInPlaceWithEveryConsentAndDeliveryAndItsStatus() throws Exception {
        Path file = dir.resolve("guidance.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            gov.dadukou.guidance.store.PreviousRelease.schema(c, 5);
            c.setAutoCommit(false);
            // As version 5 wrote them: no phoneVerified, one active consent per business.
            ConsentLedger.Appender ledger = ConsentLedger.lock(Jdbi.open(c), Database.Dialect.SQLITE);
            grant(c, ledger, "r-active", "91350100M000100Y43", "2026-01-01T00:00:00.000+00:00");
            grant(c, ledger, "r-old", "91110000100017643K", "2026-01-02T00:00:00.000+00:00");
            ledger.append("r-old", "superseded", "2026-01-03T00:00:00.000+00:00", Map.of("by", "r-new"));
            grant(c, ledger, "r-new", "91110000100017643K", "2026-01-03T00:00:00.000+00:00");
            ledger.append("r-new", "withdrawn", "2026-01-04T00:00:00.000+00:00", Map.of());
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO reminder_deliveries (credit_code, reminder_id, season, status, attempts, next_attempt_at, created_at) "
                        + "VALUES ('91350100M000100Y43', 'tx-nianbao', 2026, 'sent', 1, '2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z')");
                s.execute("INSERT INTO reminder_deliveries (credit_code, reminder_id, season, status, attempts, next_attempt_at, created_at) "
                        + "VALUES ('91110000100017643K', 'tx-nianbao', 2026, 'cancelled', 0, '2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z')");
            }
            c.commit();
        }

        try (Database db = Database.open(file)) {
            assertTrue(db.schemaVersion() >= 6);
            ConsentService consent = new ConsentService(db, Clock.systemUTC(), ConsentLedgerTest.TOPICS, ConsentLedgerTest.SETTINGS);
            ConsentLedger.Verification check = consent.verify();
            assertTrue(check.ok(), String.valueOf(check));
            assertEquals(5, check.events());
            assertEquals(List.of("r-active:active:false", "r-old:superseded:false", "r-new:withdrawn:false"), db.transaction(c -> {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT receipt_id, status, verified FROM consent_state ORDER BY granted_seq")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + ":" + rs.getString(2) + ":" + (rs.getInt(3) == 1));
                    }
                }
                return rows;
            }));
            assertEquals(List.of("r-active"), consent.activeSubscriptions().stream().map(Subscription::receiptId).toList());
            assertFalse(consent.activeSubscriptions().get(0).verified(), "consents from before codes existed are not verified");
            assertEquals(List.of("91350100M000100Y43:r-active:sent", "91110000100017643K:r-new:cancelled"), db.transaction(c -> {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT credit_code, receipt_id, status FROM reminder_deliveries ORDER BY id")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
                    }
                }
                return rows;
            }));
            consent.grant(ConsentLedgerTest.request("91350100M000100Y43"));
            assertTrue(consent.verify().ok());
            assertEquals(2, consent.activeSubscriptions().size(), "a new contact's consent leaves the migrated one active");
        }
    }

    private static void grant(Connection c, ConsentLedger.Appender ledger, String receipt, String creditCode, String at)
            throws SQLException {
        ledger.append(receipt, "granted", at, Map.of("companyName", "测试公司", "creditCode", creditCode,
                "topics", List.of("食品安全"), "noticeVersion", 1, "noticeSha256", "0".repeat(64), "tokenSha256", "1".repeat(64)));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_contacts (receipt_id, contact_name, phone) VALUES (?, '张三', ?)")) {
            ps.setString(1, receipt);
            ps.setString(2, "13812341234");
            ps.executeUpdate();
        }
    }

    /** The migration files' statements: split on semicolons at line ends, trigger bodies kept whole. */
}
