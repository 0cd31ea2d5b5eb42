package gov.dadukou.guidance.eval;

import gov.dadukou.guidance.chat.AnswerPolicy;
import gov.dadukou.guidance.search.Retriever;
import gov.dadukou.guidance.search.SearchHit;
import gov.dadukou.guidance.search.SearchResult;

/** The {@code explain} command's text: a question's first candidates with their decision features, for tuning and for staff. */
public final class Explanation {
    private Explanation() {
    }

    /** The question as normalized and read, then one line per candidate (at most five), best first. */
    public static String of(Retriever retriever, AnswerPolicy policy, String question) {
        SearchResult result = retriever.search(question);
        StringBuilder sb = new StringBuilder("Q: ").append(question).append("  -> ").append(result.query())
                .append("  words=").append(result.contentWords()).append('\n');
        for (int i = 0; i < Math.min(5, result.hits().size()); i++) {
            SearchHit hit = result.hits().get(i);
            sb.append(String.format("  %-40s score=%.2f q=%.2f a=%.2f wc=%.2f bc=%.2f ps=%.2f conf=%.2f  [%s] dense=%.3f%n",
                    hit.entryId(), hit.score(), hit.questionScore(), hit.answerScore(), hit.wordCoverage(), hit.bigramCoverage(),
                    hit.phrasingSimilarity(), policy.confidence(result, i), hit.bestPhrasing(), hit.denseSimilarity()));
        }
        return sb.toString();
    }
}
