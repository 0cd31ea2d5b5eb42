package gov.dadukou.guidance.consent;

import java.util.List;

/** What a business submits to give consent; validated by {@link ConsentService#grant}. */
public record ConsentRequest(String companyName, String creditCode, String contactName, String phone,
                             List<String> topics, Integer noticeVersion, Boolean agreed) {
}
