package gov.dadukou.guidance.consent;

import com.fasterxml.jackson.databind.JsonNode;

import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads consents as shown to people (a business's own record, the staff list, the CSV export) out of the
 * ledger events and the contact table. The whole-ledger reads here serve staff and verification, never a
 * write (writes use {@link ConsentState}). Stateless.
 */
final class ConsentRecords {
    private ConsentRecords() {
    }

    /** One consent's state, derived from its events. Withdrawal outranks supersession. */
    record Summary(String receiptId, String creditCode, String status, boolean verified, String grantedAt, String endedAt) {
    }

    /** Every event of the ledger, grouped by receipt in the order the receipts were granted. */
    private static Map<String, List<ConsentLedger.Event>> byReceipt(Handle h) {
        Map<String, List<ConsentLedger.Event>> byReceipt = new LinkedHashMap<>();
        for (ConsentLedger.Event e : ConsentLedger.events(h, null)) {
            byReceipt.computeIfAbsent(e.receiptId(), k -> new ArrayList<>()).add(e);
        }
        return byReceipt;
    }

    static List<Summary> summaries(Handle h) {
        List<Summary> out = new ArrayList<>();
        byReceipt(h).forEach((id, events) -> out.add(summary(id, events)));
        return out;
    }

    static Summary summary(String receiptId, List<ConsentLedger.Event> events) {
        ConsentLedger.Event granted = events.get(0);
        String status = "active";
        String endedAt = null;
        for (ConsentLedger.Event e : events) {
            if (e.event().equals("withdrawn")) {
                status = "withdrawn";
                endedAt = e.at();
            } else if (e.event().equals("superseded") && status.equals("active")) {
                status = "superseded";
                endedAt = e.at();
            }
        }
        JsonNode payload = granted.payloadJson();
        return new Summary(receiptId, payload.path("creditCode").asText(), status, verified(payload), granted.at(), endedAt);
    }

    /** Consents recorded before phone codes existed carry no {@code phoneVerified}: they are unverified. */
    static boolean verified(JsonNode grantedPayload) {
        return grantedPayload.path("phoneVerified").asBoolean(false);
    }

    static ConsentView view(Handle h, String receiptId, List<ConsentLedger.Event> events, boolean maskPhone) {
        JsonNode granted = events.get(0).payloadJson();
        List<String> topics = new ArrayList<>();
        granted.path("topics").forEach(t -> topics.add(t.asText()));
        String[] contact = h.createQuery("SELECT contact_name, phone FROM consent_contacts WHERE receipt_id = ?").bind(0, receiptId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .findFirst().orElse(new String[] {null, null});
        String name = contact[0];
        String phone = contact[1] == null ? null : maskPhone ? mask(contact[1]) : contact[1];
        boolean erased = events.stream().anyMatch(e -> e.event().equals("erased"));
        List<ConsentView.HistoryItem> history = events.stream().map(e -> new ConsentView.HistoryItem(e.event(), e.at())).toList();
        return new ConsentView(receiptId, summary(receiptId, events).status(), granted.path("companyName").asText(),
                granted.path("creditCode").asText(), name, phone, topics, granted.path("noticeVersion").asInt(),
                granted.path("noticeSha256").asText(), erased, history, verified(granted), ReceiptCode.of(receiptId));
    }

    static List<ConsentView> all(Handle h, boolean unmasked) {
        Map<String, List<ConsentLedger.Event>> byReceipt = byReceipt(h);
        List<ConsentView> out = new ArrayList<>();
        for (Map.Entry<String, List<ConsentLedger.Event>> e : byReceipt.entrySet()) {
            out.add(view(h, e.getKey(), e.getValue(), !unmasked));
        }
        return out;
    }

    /** 13812341234 → 138****1234. */
    static String mask(String phone) {
        if (phone == null || phone.length() < 7) {
            return "****";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
