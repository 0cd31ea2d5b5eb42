package gov.dadukou.guidance.search;

/**
 * One candidate entry for a question, with the evidence the answer decision is made from.
 *
 * @param entryId        the entry
 * @param score          fused lexical score (higher is better; not comparable across questions)
 * @param questionScore  best BM25 score among the entry's phrasings and title
 * @param answerScore    BM25 score of the entry's answer text
 * @param bestPhrasing   the phrasing that matched best
 * @param wordCoverage   share of the question's content words found anywhere in the entry, 0..1
 * @param bigramCoverage share of the question's content bigrams found anywhere in the entry, 0..1
 * @param phrasingSimilarity Dice similarity of the question's and best phrasing's bigrams, 0..1
 * @param denseSimilarity    best cosine similarity of the question's embedding to the entry's phrasings;
 *                           0 when dense retrieval is off
 * @param ownCoverage        like {@code wordCoverage}, but of the current question's words alone when the
 *                           search included the previous turn (equal to it otherwise)
 * @param askCoverage        like {@code wordCoverage}, but of the words of the clauses that ask alone
 *                           (see {@link QuestionReader})
 * @param unaskedCase        whether the entry is an illustrative case and the question did not ask for one
 * @param otherSubject       whether the question is about another subject than the entry, however alike the words
 *                           ({@link Subjects#otherThan}): another business than an overview's, another lost document
 *                           than the entry's (or none, for an entry on replacing one), or a person's civil procedure
 *                           the entry never mentions
 */
public record SearchHit(String entryId, double score, double questionScore, double answerScore, String bestPhrasing,
                        double wordCoverage, double bigramCoverage, double phrasingSimilarity, double denseSimilarity,
                        double ownCoverage, double askCoverage, boolean unaskedCase,
                        boolean otherSubject) {
}
