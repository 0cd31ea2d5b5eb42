package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.search.SearchHit;
import gov.dadukou.guidance.search.SearchResult;

import java.util.List;

/**
 * Decides whether the best candidate is good enough to answer with, close enough to offer as
 * "did you mean", or neither. The confidence is a logistic model over features that mean the same
 * for every question (IDF-weighted coverage of the question by the entry, similarity to the entry's
 * nearest phrasing, the lead over the runner-up, the BM25 score on a log scale), fitted on labelled
 * questions so that it estimates the probability that the answer is right; see docs/retrieval.md and
 * {@code eval --fit}. Immutable, thread-safe.
 *
 * @param coefficients intercept followed by one weight per feature of {@link #features}
 */
public record AnswerPolicy(List<Double> coefficients, double answerThreshold, double clarifyThreshold) {

    public static final List<String> FEATURE_NAMES =
            List.of("wordCoverage", "bigramCoverage", "askCoverage", "phrasingSimilarity", "scorePerWord", "lead",
                    "denseSimilarity", "knownShare", "narrative", "length", "denseLead", "unaskedCase");

    /**
     * Features whose weight may not be positive: a question must never look more certain for being long,
     * for telling a story, or because an illustrative case it did not ask for matched ({@code eval --fit}
     * keeps these weights at or below zero).
     */
    public static final List<String> NEVER_POSITIVE = List.of("narrative", "length", "unaskedCase");

    /**
     * Below this share of bigrams known to the base, the question is about something else (or is noise)
     * whatever the best candidate looks like; see docs/retrieval.md for how it was chosen.
     */
    public static final double KNOWN_SHARE_FLOOR = 0.12;

    /**
     * Below the clarify threshold but at or above this confidence, the "not sure" reply lists the nearest
     * entries as related reading (still {@code matched: false}). Chosen on the fitting half of real-dev:
     * it raises answered-or-offered there from 0.633 to 0.667 (the most any floor gives) and changes no
     * answered figure.
     */
    public static final double NEARBY_FLOOR = 0.15;

    public AnswerPolicy {
        coefficients = List.copyOf(coefficients);
        if (coefficients.size() != FEATURE_NAMES.size() + 1) {
            throw new IllegalArgumentException("need an intercept and " + FEATURE_NAMES.size() + " weights");
        }
        if (!(clarifyThreshold <= answerThreshold)) {
            throw new IllegalArgumentException("clarify threshold must not exceed the answer threshold");
        }
    }

    public enum Outcome {
        ANSWER("answer"), CLARIFY("clarify"), NONE("none");

        private final String json;

        Outcome(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public record Decision(Outcome outcome, double confidence) {
    }

    /** For lexical retrieval only ({@code DENSE=off}): fitted the same way with dense retrieval off. */
    public static AnswerPolicy lexicalDefaults() {
        return new AnswerPolicy(LEXICAL, 0.95, 0.50);
    }

    /** Fitted with {@code eval --fit}; docs/retrieval.md has the run and the threshold table. */
    public static AnswerPolicy defaults() {
        return new AnswerPolicy(HYBRID, 0.65, 0.20);
    }

    private static final List<Double> HYBRID =
            List.of(-8.096, 2.548, 4.818, 0.020, -3.713, 0.076, 1.658, 11.950, -2.233, 0.000, 0.000, 5.031, 0.000);
    private static final List<Double> LEXICAL =
            List.of(-2.656, 3.497, 4.761, -0.243, -0.202, -0.261, 3.208, 0.000, 0.855, 0.000, 0.000, 0.000, -1.124);

    /** The features of candidate {@code i} of a result, in the order of {@link #FEATURE_NAMES}. */
    public static double[] features(SearchResult result, int i) {
        SearchHit hit = result.hits().get(i);
        double next = i + 1 < result.hits().size() ? result.hits().get(i + 1).score() : 0;
        double lead = hit.score() <= 0 ? 0 : Math.max(0, (hit.score() - next) / hit.score());
        int words = Math.max(1, result.contentWords().size());
        return new double[] {hit.wordCoverage(), hit.bigramCoverage(), hit.askCoverage(), hit.phrasingSimilarity(),
                Math.log1p(hit.questionScore() / Math.sqrt(words)), lead, hit.denseSimilarity(), result.knownShare(),
                result.reading().hasNarrative() ? 1 : 0, Math.min(1, words / 30.0),
                denseLead(result, i), hit.unaskedCase() ? 1 : 0};
    }

    /** How much closer in meaning the candidate is than the closest other candidate (may be negative). */
    private static double denseLead(SearchResult result, int i) {
        double best = 0;
        for (int k = 0; k < result.hits().size(); k++) {
            if (k != i) {
                best = Math.max(best, result.hits().get(k).denseSimilarity());
            }
        }
        return result.hits().get(i).denseSimilarity() - best;
    }

    public double confidence(SearchResult result, int i) {
        double[] x = features(result, i);
        double z = coefficients.get(0);
        for (int k = 0; k < x.length; k++) {
            z += coefficients.get(k + 1) * x[k];
        }
        return 1 / (1 + Math.exp(-z));
    }

    public Decision decide(SearchResult result) {
        if (decidedWithoutModel(result)) {
            return new Decision(Outcome.NONE, 0);
        }
        double c = confidence(result, 0);
        Outcome outcome = c >= answerThreshold ? Outcome.ANSWER : c >= clarifyThreshold ? Outcome.CLARIFY : Outcome.NONE;
        if (outcome == Outcome.ANSWER && result.hits().get(0).otherSubject()) {
            // The steps of opening one business are not those of another (a pharmacy needs a drug licence, not the
            // convenience store's food and tobacco ones), nor is replacing one document replacing another, nor a
            // marriage registration a business's: however alike the words, offer it, never assert it.
            outcome = Outcome.CLARIFY;
        }
        return new Decision(outcome, c);
    }

    /**
     * Whether the question is refused before the model is asked: no candidate, no content word, not
     * Chinese, or hardly a word of it known to the base. Such questions are not fitted on either.
     */
    public static boolean decidedWithoutModel(SearchResult result) {
        return result.hits().isEmpty() || refusedOnReading(result);
    }

    /**
     * The part of {@link #decidedWithoutModel} that reads the question only, not its candidates: when it
     * holds, the question is refused with confidence 0 whatever the ranking would be, so the chat asks
     * the retriever to skip the index and the dense model ({@code Retriever.search(q, context, this)}).
     */
    public static boolean refusedOnReading(SearchResult result) {
        return result.contentWords().isEmpty() || result.reading().foreign() || result.knownShare() < KNOWN_SHARE_FLOOR;
    }
}
