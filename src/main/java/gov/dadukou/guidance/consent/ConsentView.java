package gov.dadukou.guidance.consent;

import java.util.List;

/**
 * One consent as shown to the contact who gave it, or to staff: current status, what was agreed, and
 * every event. The phone is masked unless staff export it unmasked; the contact is null once erased.
 * {@code verified} says whether the contact proved the phone with a one-time code when consenting;
 * {@code receiptCode} is the short code on the receipt ({@link ReceiptCode}), by which staff find it.
 */
public record ConsentView(String receiptId, String status, String companyName, String creditCode, String contactName,
                          String phone, List<String> topics, int noticeVersion, String noticeSha256,
                          boolean contactErased, List<HistoryItem> history, boolean verified, String receiptCode) {

    public record HistoryItem(String event, String at) {
    }

    public ConsentView {
        topics = List.copyOf(topics);
        history = List.copyOf(history);
    }
}
