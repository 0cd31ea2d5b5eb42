package gov.dadukou.guidance.consent;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character
 * set without I, O, S, V and Z; the last is a check character computed with weights 3^(i-1) mod 31.
 * Stateless.
 */
public final class CreditCode {
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = new int[17];

    static {
        int w = 1;
        for (int i = 0; i < 17; i++) {
            WEIGHTS[i] = w;
            w = (w * 3) % 31;
        }
    }

    private CreditCode() {
    }

    /** Whether {@code code} (already upper-cased) is well formed and its check character is right. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = CHARSET.indexOf(code.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * WEIGHTS[i];
        }
        return CHARSET.indexOf(code.charAt(17)) == checkValue(sum);
    }

    /** The check character for the first 17 characters; for tests and fixtures. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return CHARSET.charAt(checkValue(sum));
    }

    private static int checkValue(int sum) {
        int c = 31 - sum % 31;
        return c == 31 ? 0 : c;
    }
}
