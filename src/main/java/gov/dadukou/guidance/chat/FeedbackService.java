package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records "helpful / not helpful" on an answer, with an optional reason whose personal data is masked
 * before it is stored; counts it per entry for staff. Thread-safe.
 */
public final class FeedbackService {
    public static final int MAX_REASON = 200;

    /** Per-entry counts. */
    public record Counts(long helpful, long notHelpful) {
    }

    private final Database db;
    private final EntryStore entries;
    private final Clock clock;

    public FeedbackService(Database db, EntryStore entries, Clock clock) {
        this.db = db;
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * @throws ClientException when the entry is unknown, {@code helpful} is missing or the reason is too long
     */
    public void record(String entryId, Boolean helpful, String reason) {
        if (entryId == null || entries.get(entryId).isEmpty()) {
            throw ClientException.badRequest("unknown_entry", "没有找到这条答复对应的条目。");
        }
        if (helpful == null) {
            throw ClientException.badRequest("missing_helpful", "请选择“有帮助”或“没帮助”。");
        }
        String r = reason == null || reason.isBlank() ? null : reason.strip();
        if (r != null && r.codePointCount(0, r.length()) > MAX_REASON) {
            throw ClientException.badRequest("reason_too_long", "原因不能超过" + MAX_REASON + "个字。");
        }
        String masked = PersonalData.mask(r);
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO answer_feedback (entry_id, helpful, reason, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, entryId);
                ps.setInt(2, helpful ? 1 : 0);
                ps.setString(3, masked);
                ps.setString(4, Instant.now(clock).toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Map<String, Counts> countsByEntry() {
        return db.transaction(c -> {
            Map<String, Counts> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entry_id, SUM(helpful), SUM(1 - helpful) FROM answer_feedback GROUP BY entry_id ORDER BY entry_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }
}
