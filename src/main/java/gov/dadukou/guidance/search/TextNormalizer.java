package gov.dadukou.guidance.search;

import com.ibm.icu.text.Transliterator;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings text to one form before analysis, for indexing and querying alike: NFKC (full-width letters
 * and digits become ASCII), traditional characters become simplified (ICU's Traditional-Simplified
 * transform), and letters are lower-cased. Thread-safe.
 */
public final class TextNormalizer {
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));
    /**
     * ICU's Traditional-Simplified maps character by character, so each Han character's simplified form
     * is looked up once and remembered: the transform is the costliest step of a question otherwise.
     * Bounded by the Han characters that occur (tens of thousands at most).
     */
    private static final Map<Integer, String> SIMPLIFIED = new ConcurrentHashMap<>();

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(cp -> {
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                sb.append(SIMPLIFIED.computeIfAbsent(cp, c -> TO_SIMPLIFIED.get().transliterate(new String(Character.toChars(c)))));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
