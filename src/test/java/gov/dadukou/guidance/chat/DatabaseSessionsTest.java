package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sessions several instances share, on SQLite and PostgreSQL (the subclasses). */
abstract class DatabaseSessionsTest extends SessionStoreTest {
    private final List<Database> opened = new ArrayList<>();

    /** A fresh, migrated database. */
    abstract Database open();

    Database database() {
        Database db = open();
        opened.add(db);
        return db;
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
    }

    @Override
    SessionStore store(Duration ttl, int maxSessions) {
        return new DatabaseSessions(database(), clock, ttl, maxSessions);
    }

    @Test
    void aTurnRememberedThroughOneInstanceIsFoundThroughAnother() {
        Database db = database();
        new DatabaseSessions(db, clock, TTL, 100).remember("follow-1", "营业执照要挂出来吗", "scjg-yyzz-xingmu");
        assertEquals("scjg-yyzz-xingmu", new DatabaseSessions(db, clock, TTL, 100).last("follow-1").orElseThrow().entryId());
    }

    @Test
    void theTableHoldsTheSessionIdsHashAndTheQuestionWithPersonalDataMasked() {
        Database db = database();
        new DatabaseSessions(db, clock, TTL, 100).remember("client-chosen-id", "我的电话13812341234，营业执照要挂吗", "scjg-yyzz-xingmu");
        List<String> row = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT session_hash, question FROM chat_sessions"); ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return List.of(rs.getString(1), rs.getString(2));
            }
        });
        assertEquals(64, row.get(0).length(), "SHA-256 in hex");
        assertEquals(DatabaseSessions.hash("client-chosen-id"), row.get(0));
        assertFalse(row.get(0).contains("client"), row.get(0));
        assertEquals("我的电话[手机号]，营业执照要挂吗", row.get(1));
    }

    @Test
    void thePurgeDeletesExpiredSessionsInBatchesThenTheLeastRecentAboveTheBound() {
        DatabaseSessions s = new DatabaseSessions(database(), clock, TTL, 300);
        int old = DatabaseSessions.BATCH * 2 + 7;
        for (int i = 0; i < old; i++) {
            s.remember("old-" + i, "问题", "e");
        }
        clock.advance(TTL.plusSeconds(1));
        for (int i = 0; i < 400; i++) {
            s.remember("new-" + i, "问题", "e");
            clock.advance(Duration.ofMillis(10));
        }
        assertEquals(old + 400, s.count());
        assertEquals(old + 100, s.purge(), "every expired one, then the hundred least recent above 300");
        assertEquals(300, s.count());
        assertTrue(s.last("new-99").isEmpty(), "least recently used went");
        assertTrue(s.last("new-100").isPresent());
        assertEquals(0, s.purge());
    }

    @Test
    void aDatabaseThatFailsAnswersWithoutContextInsteadOfFailingTheChat() {
        Database db = open(); // closed here, not by the test's clean-up
        DatabaseSessions s = new DatabaseSessions(db, clock, TTL, 100);
        s.remember("follow-1", "营业执照要挂出来吗", "scjg-yyzz-xingmu");
        db.close();
        s.remember("follow-1", "营业执照要挂出来吗", "scjg-yyzz-xingmu");
        assertTrue(s.last("follow-1").isEmpty());
    }
}
