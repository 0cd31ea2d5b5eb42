package gov.dadukou.guidance.consent;

import java.util.List;

/**
 * The receipt of a consent: shown once. {@code withdrawToken} is kept only as a hash, so it cannot be
 * shown again.
 */
public record ConsentReceipt(String receiptId, String withdrawToken, String grantedAt, List<String> topics,
                             int noticeVersion, String noticeSha256, String status) {
    public ConsentReceipt {
        topics = List.copyOf(topics);
    }
}
