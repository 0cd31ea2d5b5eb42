package gov.dadukou.guidance.check;

import gov.dadukou.guidance.store.Database;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;

/**
 * Records each finished check (entry and outcome, nothing about the business) for the evaluation report.
 * One small insert per check through the serialised connection. Thread-safe.
 */
public final class CheckLog {
    private final Database db;
    private final Clock clock;

    public CheckLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void finished(String entryId, String outcome) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO check_log (at, entry_id, outcome) VALUES (?, ?, ?)")) {
                ps.setString(1, Instant.now(clock).toString());
                ps.setString(2, entryId);
                ps.setString(3, outcome);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
