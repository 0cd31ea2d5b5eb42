package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.ClientException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what a contact submits, field by field, before anything is written: a consent request becomes a
 * {@link Valid} one or a {@link ClientException} naming the field. Immutable; thread-safe.
 */
final class ConsentRequests {
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
    private static final int MAX_COMPANY = 100;
    private static final int MAX_CONTACT = 50;

    /** A request whose every field passed; {@code code} is null when none was given. */
    record Valid(String company, String creditCode, String contact, String phone, List<String> topics, String code) {
    }

    private final Set<String> topics;

    ConsentRequests(List<String> topics) {
        this.topics = Set.copyOf(topics);
    }

    /** @throws ClientException with a field-specific code, in the order the form asks */
    Valid validate(ConsentRequest r, ConsentNotice notice) {
        String company = required(r.companyName(), "company_name", "企业名称", MAX_COMPANY);
        String code = r.creditCode() == null ? "" : r.creditCode().strip().toUpperCase(Locale.ROOT);
        if (!CreditCode.isValid(code)) {
            throw ClientException.badRequest("invalid_credit_code", "统一社会信用代码不正确，请核对18位代码。");
        }
        String contact = required(r.contactName(), "contact_name", "联系人姓名", MAX_CONTACT);
        String phone = phone(r.phone());
        List<String> chosen = topics(r.topics());
        if (r.noticeVersion() == null || r.noticeVersion() != notice.version()) {
            throw ClientException.badRequest("stale_notice_version", "告知书已更新，请阅读最新版本后再确认。");
        }
        if (!Boolean.TRUE.equals(r.agreed())) {
            throw ClientException.badRequest("consent_not_agreed", "请阅读告知书并勾选同意后再提交。");
        }
        String oneTime = r.code() == null || r.code().isBlank() ? null : r.code().strip();
        return new Valid(company, code, contact, phone, chosen, oneTime);
    }

    /** What people put between digits of a phone number, as they write it or paste it: spaces and dashes. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u3000\\-－—‐]");

    /**
     * The mainland mobile number in {@code raw}, as 11 digits: "138 1234 1234", "138-1234-1234" and
     * "+86 138 1234 1234" all give 13812341234.
     *
     * @throws ClientException {@code invalid_phone} unless a mainland mobile number
     */
    static String phone(String raw) {
        String phone = raw == null ? "" : SEPARATORS.matcher(raw).replaceAll("");
        if (phone.length() == 14 && phone.startsWith("+86")) {
            phone = phone.substring(3);
        }
        if (!PHONE.matcher(phone).matches()) {
            throw ClientException.badRequest("invalid_phone", "手机号码格式不正确，请填写11位中国大陆手机号码。");
        }
        return phone;
    }

    private List<String> topics(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ClientException.badRequest("missing_topics", "请至少选择一个希望接收提醒的主题。");
        }
        if (requested.size() > topics.size()) {
            throw ClientException.badRequest("too_many_topics", "选择的主题过多。");
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String t : requested) {
            if (t == null || !topics.contains(t.strip())) {
                throw ClientException.badRequest("unknown_topic", "不支持的主题：" + (t == null ? "" : t.strip()) + "。");
            }
            chosen.add(t.strip());
        }
        return List.copyOf(chosen);
    }

    private static String required(String value, String field, String label, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw ClientException.badRequest("missing_" + field, "请填写" + label + "。");
        }
        if (v.codePointCount(0, v.length()) > max) {
            throw ClientException.badRequest(field + "_too_long", label + "不能超过" + max + "个字。");
        }
        return v;
    }
}
