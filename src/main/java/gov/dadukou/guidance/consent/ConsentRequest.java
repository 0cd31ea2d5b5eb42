package gov.dadukou.guidance.consent;

import java.util.List;

/**
 * What a contact submits to give consent; validated by {@link ConsentService#grant}. {@code code} is the
 * optional one-time code sent to {@code phone}: with a valid one the consent is verified.
 */
public record ConsentRequest(String companyName, String creditCode, String contactName, String phone,
                             List<String> topics, Integer noticeVersion, Boolean agreed, String code) {

    /** A request without a one-time code (recorded as unverified). */
    public ConsentRequest(String companyName, String creditCode, String contactName, String phone, List<String> topics,
                          Integer noticeVersion, Boolean agreed) {
        this(companyName, creditCode, contactName, phone, topics, noticeVersion, agreed, null);
    }
}
