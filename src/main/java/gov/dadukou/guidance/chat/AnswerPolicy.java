package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.search.SearchHit;
import gov.dadukou.guidance.search.SearchResult;

/**
 * Decides whether the best candidate is good enough to answer with, close enough to offer as
 * "did you mean", or neither. The confidence is a weighted mix of how much of the question the entry
 * covers (words and bigrams) and how close the question is to the entry's nearest phrasing, so that it
 * means the same for every question, unlike a raw BM25 score. How the weights and thresholds were
 * chosen is in docs/retrieval.md. Immutable, thread-safe.
 */
public record AnswerPolicy(double wordWeight, double bigramWeight, double phrasingWeight,
                           double answerThreshold, double clarifyThreshold) {

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

    public static AnswerPolicy defaults() {
        return new AnswerPolicy(0.45, 0.35, 0.20, 0.60, 0.35);
    }

    public double confidence(SearchHit hit) {
        double c = wordWeight * hit.wordCoverage() + bigramWeight * hit.bigramCoverage()
                + phrasingWeight * hit.phrasingSimilarity();
        return Math.max(0, Math.min(1, c));
    }

    public Decision decide(SearchResult result) {
        if (result.hits().isEmpty() || result.contentWords().isEmpty()) {
            return new Decision(Outcome.NONE, 0);
        }
        double c = confidence(result.hits().get(0));
        Outcome outcome = c >= answerThreshold ? Outcome.ANSWER : c >= clarifyThreshold ? Outcome.CLARIFY : Outcome.NONE;
        return new Decision(outcome, c);
    }
}
