package gov.dadukou.guidance.consent;

import com.fasterxml.jackson.databind.JsonNode;

import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The current state of each consent (table {@code consent_state}), written in the same transaction as the
 * ledger event that changes it, so that a consent, a withdrawal or a delivery check reads a few indexed
 * rows instead of replaying the ledger: their cost does not grow with the ledger. The ledger stays the
 * proof; {@link #disagreement} recomputes this table from it for {@code ledger verify}. Stateless apart
 * from the handle passed in (callers hold the database's transaction); thread-safe.
 */
final class ConsentState {
    /** A contact's active consents; must use {@code consent_state_business} (a test checks the plan). */
    static final String ACTIVE_OF_CONTACT = "SELECT s.receipt_id FROM consent_state s "
            + "JOIN consent_contacts k ON k.receipt_id = s.receipt_id "
            + "WHERE s.credit_code = ? AND s.status = 'active' AND k.phone = ? ORDER BY s.granted_seq";
    /** Active consents with their payload and contact; {@code %s} is empty or a receipt condition. */
    static final String SUBSCRIPTIONS = "SELECT s.receipt_id, s.credit_code, s.verified, e.payload, k.contact_name, k.phone "
            + "FROM consent_state s JOIN consent_events e ON e.seq = s.granted_seq "
            + "LEFT JOIN consent_contacts k ON k.receipt_id = s.receipt_id WHERE s.status = 'active'%s ORDER BY s.granted_seq";
    static final String ONE_RECEIPT = " AND s.receipt_id = ?";

    private ConsentState() {
    }

    /**
     * The receipts of the active consents of one contact (the same business and the same phone). The
     * phone lives in {@code consent_contacts}, so a consent whose contact was erased matches no one.
     */
    static List<String> activeOfContact(Handle h, String creditCode, String phone) {
        return h.createQuery(ACTIVE_OF_CONTACT).bind(0, creditCode).bind(1, phone).mapTo(String.class).list();
    }

    static void insert(Handle h, String receiptId, String creditCode, boolean verified, long grantedSeq, String at,
                       String tokenSha256) {
        h.createUpdate("INSERT INTO consent_state (receipt_id, credit_code, status, verified, granted_seq, granted_at, "
                        + "ended_at, token_sha256) VALUES (:receipt, :creditCode, 'active', :verified, :seq, :at, NULL, :token)")
                .bind("receipt", receiptId).bind("creditCode", creditCode).bind("verified", verified ? 1 : 0)
                .bind("seq", grantedSeq).bind("at", at).bind("token", tokenSha256)
                .execute();
    }

    /** Ends a consent as the ledger does: a withdrawal outranks a supersession, never the reverse. */
    static void end(Handle h, String receiptId, String status, String at) {
        String sql = status.equals("withdrawn")
                ? "UPDATE consent_state SET status = 'withdrawn', ended_at = ? WHERE receipt_id = ? AND status <> 'withdrawn'"
                : "UPDATE consent_state SET status = 'superseded', ended_at = ? WHERE receipt_id = ? AND status = 'active'";
        h.createUpdate(sql).bind(0, at).bind(1, receiptId).execute();
    }

    /** Active consents with their contact data, oldest first; only {@code receiptId}'s when not null. */
    static List<Subscription> subscriptions(Handle h, String receiptId) {
        var query = h.createQuery(String.format(SUBSCRIPTIONS, receiptId == null ? "" : ONE_RECEIPT));
        if (receiptId != null) {
            query.bind(0, receiptId);
        }
        return query.map((rs, ctx) -> {
            JsonNode granted = new ConsentLedger.Event(0, null, null, null, rs.getString(4), null, null).payloadJson();
            List<String> topics = new ArrayList<>();
            granted.path("topics").forEach(t -> topics.add(t.asText()));
            return new Subscription(rs.getString(1), rs.getString(2), granted.path("companyName").asText(),
                    rs.getString(5), rs.getString(6), topics, rs.getInt(3) == 1);
        }).list();
    }

    /**
     * Where this table disagrees with the ledger it is derived from, or null when it agrees. Reads the
     * whole ledger: for {@code ledger verify} and start-up, never for a write.
     */
    static String disagreement(Handle h) {
        Map<String, String[]> stored = new HashMap<>();
        h.createQuery("SELECT receipt_id, status, verified, credit_code FROM consent_state")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), String.valueOf(rs.getInt(3) == 1), rs.getString(4)})
                .forEach(row -> stored.put(row[0], new String[] {row[1], row[2], row[3]}));
        List<ConsentRecords.Summary> derived = ConsentRecords.summaries(h);
        for (ConsentRecords.Summary s : derived) {
            String[] row = stored.get(s.receiptId());
            if (row == null) {
                return "current-state row missing for receipt " + s.receiptId();
            }
            if (!row[0].equals(s.status()) || !row[1].equals(String.valueOf(s.verified())) || !row[2].equals(s.creditCode())) {
                return "current state of receipt " + s.receiptId() + " (" + row[0] + ", verified=" + row[1]
                        + ") disagrees with the ledger (" + s.status() + ", verified=" + s.verified() + ")";
            }
        }
        if (stored.size() != derived.size()) {
            return "current-state table has " + stored.size() + " consents, the ledger " + derived.size();
        }
        return null;
    }
}
