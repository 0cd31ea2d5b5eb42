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
            List.of("wordCoverage", "bigramCoverage", "phrasingSimilarity", "logScore", "lead", "logWords",
                    "denseSimilarity");

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
        return new AnswerPolicy(List.of(-11.077, 3.456, 10.710, -2.891, -0.039, 4.943, 3.504, 0.0), 0.65, 0.30);
    }

    /** Fitted on eval/questions.jsonl with {@code eval --fit}; docs/retrieval.md has the run. */
    public static AnswerPolicy defaults() {
        return new AnswerPolicy(List.of(-18.310, 2.129, 9.360, -5.093, -1.080, 5.384, 2.924, 17.860), 0.60, 0.25);
    }

    /** The features of candidate {@code i} of a result, in the order of {@link #FEATURE_NAMES}. */
    public static double[] features(SearchResult result, int i) {
        SearchHit hit = result.hits().get(i);
        double next = i + 1 < result.hits().size() ? result.hits().get(i + 1).score() : 0;
        double lead = hit.score() <= 0 ? 0 : Math.max(0, (hit.score() - next) / hit.score());
        return new double[] {hit.wordCoverage(), hit.bigramCoverage(), hit.phrasingSimilarity(),
                Math.log1p(hit.questionScore()), lead, Math.log1p(result.contentWords().size()), hit.denseSimilarity()};
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
        if (result.hits().isEmpty() || result.contentWords().isEmpty()) {
            return new Decision(Outcome.NONE, 0);
        }
        double c = confidence(result, 0);
        Outcome outcome = c >= answerThreshold ? Outcome.ANSWER : c >= clarifyThreshold ? Outcome.CLARIFY : Outcome.NONE;
        return new Decision(outcome, c);
    }
}
