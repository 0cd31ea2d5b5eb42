package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records "helpful / not helpful" on an answer, with an optional reason whose personal data is masked
 * before it is stored, and the reference of the question answered (the chat reply's {@code questionId});
 * counts it per entry for staff and lists the reasons with the question that was asked (from the question
 * log, masked there). Thread-safe.
 */
public final class FeedbackService {
    public static final int MAX_REASON = 200;

    /** At most this many reasons are listed per request. */
    public static final int MAX_LISTED = 500;
    private static final java.util.regex.Pattern QUESTION_ID = java.util.regex.Pattern.compile("[0-9a-f]{32}");

    /** Per-entry counts. */
    public record Counts(long helpful, long notHelpful) {
    }

    /**
     * One piece of feedback with a reason: the entry, its title when it is live, whether it helped, the
     * reason (masked), the question asked (masked; null when not linked: feedback before questions were
     * linked, or a question not yet written) and when (ISO instant).
     */
    public record Reason(long id, String entryId, String entryTitle, boolean helpful, String reason, String question, String at) {
    }

    /** An entry's counts and its reasons, newest first. */
    public record ForEntry(String entryId, long helpful, long notHelpful, List<Reason> reasons) {
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
        record(entryId, helpful, reason, null);
    }

    /**
     * @param questionId the chat reply's {@code questionId}, or null
     * @throws ClientException when the entry is unknown, {@code helpful} is missing, the reason is too long
     *                         or the question id is malformed
     */
    public void record(String entryId, Boolean helpful, String reason, String questionId) {
        if (questionId != null && !QUESTION_ID.matcher(questionId).matches()) {
            throw ClientException.badRequest("invalid_question_id", "问题编号格式不正确，请刷新页面后重试。");
        }
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
                    "INSERT INTO answer_feedback (entry_id, helpful, reason, created_at, question_ref) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, entryId);
                ps.setInt(2, helpful ? 1 : 0);
                ps.setString(3, masked);
                ps.setString(4, Instant.now(clock).toString());
                ps.setString(5, questionId);
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

    /** The newest {@code limit} feedbacks that carry a reason, newest first, optionally of one entry. */
    public List<Reason> reasons(String entryId, int limit) {
        return db.transaction(c -> {
            List<Reason> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.entry_id, f.helpful, f.reason, f.created_at, "
                    + "(SELECT q.question FROM question_log q WHERE q.ref = f.question_ref LIMIT 1) "
                    + "FROM answer_feedback f WHERE f.reason IS NOT NULL" + (entryId == null ? "" : " AND f.entry_id = ?")
                    + " ORDER BY f.id DESC LIMIT ?")) {
                int i = 1;
                if (entryId != null) {
                    ps.setString(i++, entryId);
                }
                ps.setInt(i, Math.max(0, Math.min(limit, MAX_LISTED)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(2);
                        out.add(new Reason(rs.getLong(1), id, entries.get(id).map(e -> e.title()).orElse(null), rs.getInt(3) == 1,
                                rs.getString(4), rs.getString(6), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    /** An entry's counts (zero when none) and its newest {@code limit} reasons. */
    public ForEntry forEntry(String entryId, int limit) {
        Counts counts = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM answer_feedback WHERE entry_id = ?")) {
                ps.setString(1, entryId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Counts(rs.getLong(1), rs.getLong(2));
                }
            }
        });
        return new ForEntry(entryId, counts.helpful(), counts.notHelpful(), reasons(entryId, limit));
    }
}
