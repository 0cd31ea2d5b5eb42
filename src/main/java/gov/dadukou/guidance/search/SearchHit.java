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
 * @param otherSubject       whether the question names a subject the entry is not about, however alike the words:
 *                           the entry is an overview of opening one kind of business and the question names another
 *                           that the overview never mentions ("开个药店…" against the convenience-store overview), or
 *                           the question says a document is lost or to be replaced and the entry's phrasings never
 *                           name it ("医保卡丢了怎么补办" against replacing a business licence), or the
 *                           question names a person's civil matter the entry never mentions ("结婚登记要带什么材料"
 *                           against registering a business)
 */
public record SearchHit(String entryId, double score, double questionScore, double answerScore, String bestPhrasing,
                        double wordCoverage, double bigramCoverage, double phrasingSimilarity, double denseSimilarity,
                        double ownCoverage, double askCoverage, boolean unaskedCase,
                        boolean otherSubject) {
}
