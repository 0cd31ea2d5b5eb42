package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The short receipt code (回执码) a person can read out to the 12345 hotline, such as {@code K7QM-3XPD}:
 * derived from the receipt id, so it needs no storage and every consent ever recorded has one. Eight
 * characters from an alphabet without look-alikes (no 0/O, 1/I/L, no U), about 5·10¹¹ codes, so a
 * clash between two consents of the same district is negligible; staff find a consent by it among the
 * consents they list. It identifies a consent but does not authorise anything: managing a consent still
 * needs the withdrawal token. Stateless; thread-safe.
 */
public final class ReceiptCode {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 8;

    private ReceiptCode() {
    }

    /** The code of a receipt id, as shown: two groups of four, joined by a hyphen. */
    public static String of(String receiptId) {
        byte[] digest = Hashing.sha256().digest(("receipt-code\n" + receiptId).getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        bits >>>= 1; // non-negative
        StringBuilder sb = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt((int) (bits % ALPHABET.length())));
            bits /= ALPHABET.length();
        }
        return sb.toString();
    }

    /**
     * A code as a person typed or read it, in the form {@link #of} shows: upper case, spaces, dashes and
     * underscores dropped, regrouped as four and four. Anything else is returned as it is, so it simply
     * matches no consent.
     */
    public static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        String compact = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-－—_]", "");
        return compact.length() == LENGTH ? compact.substring(0, LENGTH / 2) + "-" + compact.substring(LENGTH / 2) : compact;
    }
}
