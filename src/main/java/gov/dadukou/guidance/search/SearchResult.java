package gov.dadukou.guidance.search;

import java.util.List;

/**
 * The ranked candidates for one question, best first, with the question's content tokens.
 *
 * @param query         the normalized, rewritten question text that was searched
 * @param contentWords  the question's words without stop words
 * @param hits          candidate entries, best first; may be empty
 * @param reading       how the question was read: its ask, its language
 * @param knownShare    the share of the question's bigrams found anywhere in the base, 0..1
 */
public record SearchResult(String query, List<String> contentWords, List<SearchHit> hits,
                           QuestionReader.Reading reading, double knownShare) {
    public SearchResult {
        contentWords = List.copyOf(contentWords);
        java.util.Objects.requireNonNull(reading, "reading");
        hits = List.copyOf(hits);
    }
}
