package gov.dadukou.guidance.search;

import com.ibm.icu.text.Transliterator;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Brings text to one form before analysis, for indexing and querying alike: NFKC (full-width letters
 * and digits become ASCII), traditional characters become simplified (ICU's Traditional-Simplified
 * transform), and letters are lower-cased. Thread-safe: ICU transliterators are not, so each thread
 * keeps its own.
 */
public final class TextNormalizer {
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return TO_SIMPLIFIED.get().transliterate(nfkc).toLowerCase(Locale.ROOT);
    }
}
