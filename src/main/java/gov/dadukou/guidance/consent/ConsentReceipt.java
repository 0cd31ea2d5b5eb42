package gov.dadukou.guidance.consent;

import java.util.List;

/**
 * The receipt of a consent: shown once. {@code withdrawToken} is kept only as a hash, so it cannot be
 * shown again. {@code verified} says whether the phone was proved with a one-time code; {@code scope} says
 * in Chinese whose consent this is and what that means (only this contact's; others cannot end it; this
 * receipt withdraws only it; an unverified phone gets no text messages). {@code receiptCode} is the short
 * code a person can read out to the 12345 hotline ({@link ReceiptCode}); it identifies, it does not authorise.
 */
public record ConsentReceipt(String receiptId, String withdrawToken, String grantedAt, List<String> topics,
                             int noticeVersion, String noticeSha256, String status, boolean verified, String scope,
                             String receiptCode) {
    public ConsentReceipt {
        topics = List.copyOf(topics);
    }
}
