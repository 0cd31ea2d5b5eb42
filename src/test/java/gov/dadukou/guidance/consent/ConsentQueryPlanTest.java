package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a consent, a withdrawal and a delivery check read is found through indexes, never by walking a
 * table, so that their cost does not grow with the ledger. Checked on SQLite's own query plans rather
 * than with timings (the timings are in docs/benchmarks.md).
 */
class ConsentQueryPlanTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("plan.db"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String plan(String sql, int parameters) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 1; i <= parameters; i++) {
                    ps.setString(i, "x");
                }
                StringBuilder sb = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sb.append(rs.getString(4)).append('\n');
                    }
                }
                return sb.toString();
            }
        });
    }

    @Test
    void findingAContactsActiveConsentsUsesTheBusinessIndexAndNoScan() {
        String plan = plan(ConsentState.ACTIVE_OF_CONTACT, 2);
        assertTrue(plan.contains("consent_state_business (credit_code=? AND status=?)"), plan);
        assertFalse(plan.contains("SCAN"), plan);
    }

    @Test
    void theChainHeadIsOneStepDownThePrimaryKey() {
        String plan = plan(ConsentLedger.HEAD, 0);
        assertFalse(plan.contains("TEMP B-TREE"), plan);
        assertTrue(plan.contains("SCAN consent_events") && !plan.contains("USING INDEX"), plan); // rowid order, LIMIT 1
    }

    @Test
    void checkingOneConsentBeforeADeliveryReadsItsRowsByKey() {
        String plan = plan(String.format(ConsentState.SUBSCRIPTIONS, ConsentState.ONE_RECEIPT), 1);
        assertTrue(plan.contains("sqlite_autoindex_consent_state_1 (receipt_id=?)"), plan);
        assertTrue(plan.contains("INTEGER PRIMARY KEY"), plan);
        assertFalse(plan.contains("SCAN"), plan);
    }

    @Test
    void aReceiptsEventsAreFoundThroughTheReceiptIndex() {
        String plan = plan("SELECT seq FROM consent_events WHERE receipt_id = ? ORDER BY seq", 1);
        assertTrue(plan.contains("consent_events_receipt"), plan);
    }
}
