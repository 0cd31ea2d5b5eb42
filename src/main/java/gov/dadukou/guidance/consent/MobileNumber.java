package gov.dadukou.guidance.consent;

/**
 * A mainland mobile number as the consent form reads it, for other forms that take a phone (留言咨询's call-back):
 * one rule for spaces, dashes and {@code +86}. Stateless.
 */
public final class MobileNumber {
    private MobileNumber() {
    }

    /**
     * The number as 11 digits.
     *
     * @throws gov.dadukou.guidance.ClientException {@code invalid_phone} unless a mainland mobile number
     */
    public static String normalise(String raw) {
        return ConsentRequests.phone(raw);
    }
}
