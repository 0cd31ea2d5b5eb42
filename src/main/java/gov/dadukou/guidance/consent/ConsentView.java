package gov.dadukou.guidance.consent;

import java.util.List;

/**
 * A business's own consent record as shown to it: current status, what it agreed to, and every event.
 * The phone is masked; the contact is null once erased.
 */
public record ConsentView(String receiptId, String status, String companyName, String creditCode, String contactName,
                          String phone, List<String> topics, int noticeVersion, String noticeSha256,
                          boolean contactErased, List<HistoryItem> history) {

    public record HistoryItem(String event, String at) {
    }

    public ConsentView {
        topics = List.copyOf(topics);
        history = List.copyOf(history);
    }
}
