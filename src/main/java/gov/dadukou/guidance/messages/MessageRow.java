package gov.dadukou.guidance.messages;

import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One row of {@code messages} as stored (the question unmasked: only staff-facing views mask it). Times are epoch
 * milliseconds, null when not yet. Immutable.
 */
record MessageRow(long id, String ticket, String tokenSha256, String question, String companyName, String creditCode,
                  String topic, String department, String routedBy, String candidates, String status, long receivedAt,
                  String dueDate, String replyText, String replyBasis, String replyBy, String replyDepartment,
                  Long replyWrittenAt, String returnComment, String approvedBy, Long repliedAt, String rating,
                  String ratingReason, Long ratedAt, Long withdrawnAt, Long erasedAt, String draftEntryId) {

    static final String TRIAGE = "triage";
    static final String ASSIGNED = "assigned";
    static final String PENDING_APPROVAL = "pending_approval";
    static final String REPLIED = "replied";
    static final String WITHDRAWN = "withdrawn";

    static final String COLUMNS = "id, ticket, token_sha256, question, company_name, credit_code, topic, department, routed_by, "
            + "candidates, status, received_at, due_date, reply_text, reply_basis, reply_by, reply_department, reply_written_at, "
            + "return_comment, approved_by, replied_at, rating, rating_reason, rated_at, withdrawn_at, erased_at, draft_entry_id";

    static Optional<MessageRow> byTicket(Handle h, String ticket) {
        return h.createQuery("SELECT " + COLUMNS + " FROM messages WHERE ticket = :t").bind("t", ticket)
                .map((rs, ctx) -> of(rs)).findOne();
    }

    static MessageRow of(ResultSet rs) throws SQLException {
        return new MessageRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getLong(12),
                rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17), nullableLong(rs, 18),
                rs.getString(19), rs.getString(20), nullableLong(rs, 21), rs.getString(22), rs.getString(23), nullableLong(rs, 24),
                nullableLong(rs, 25), nullableLong(rs, 26), rs.getString(27));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Whether a contact is stored for this message (the caller checks consent rows; erasure deletes them). */
    static boolean hasContact(Handle h, long id) {
        return h.createQuery("SELECT COUNT(*) FROM message_contacts WHERE message_id = :id").bind("id", id).mapTo(Integer.class).one() > 0;
    }

    static void event(Handle h, long id, long at, String actor, String event, String detail) {
        h.createUpdate("INSERT INTO message_events (message_id, at, actor, event, detail) VALUES (:m, :at, :actor, :event, :detail)")
                .bind("m", id).bind("at", at).bind("actor", actor).bind("event", event).bind("detail", detail).execute();
    }

    /** The status a business sees: received (in triage), assigned (also while a reply awaits approval), replied, withdrawn. */
    String publicStatus() {
        return switch (status) {
            case TRIAGE -> "received";
            case ASSIGNED, PENDING_APPROVAL -> "assigned";
            default -> status;
        };
    }
}
