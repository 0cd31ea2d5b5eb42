package gov.dadukou.guidance.chat;

import java.util.regex.Pattern;

/**
 * Masks what looks like personal data in free text before it is stored: mainland mobile numbers,
 * landlines, ID-card numbers, unified social credit codes and e-mail addresses. Stateless.
 */
public final class PersonalData {
    private static final Pattern ID_CARD = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern CREDIT_CODE = Pattern.compile("(?<![0-9A-Z])[0-9A-HJ-NP-RT-UW-Y]{2}\\d{6}[0-9A-HJ-NP-RT-UW-Y]{10}(?![0-9A-Z])");
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)0\\d{2,3}-?\\d{7,8}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

    private PersonalData() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String t = ID_CARD.matcher(text).replaceAll("[身份证号]");
        t = CREDIT_CODE.matcher(t).replaceAll("[信用代码]");
        t = MOBILE.matcher(t).replaceAll("[手机号]");
        t = LANDLINE.matcher(t).replaceAll("[电话]");
        return EMAIL.matcher(t).replaceAll("[邮箱]");
    }
}
