package gov.dadukou.guidance.search;

import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start-up indexes the base as one batch, analysed on two threads chunk by chunk; a publish indexes one entry on
 * the caller's thread. Both must leave the same index: the same vocabularies and the same ranking, to the score.
 */
class EntryIndexBatchTest {
    static List<Entry> entries;
    static Analyzers analyzers;
    static EntryIndex batch;
    static EntryIndex oneByOne;

    @BeforeAll
    static void build() {
        entries = KnowledgeBaseLoader.load(TestServer.SHIPPED_KB).entries();
        analyzers = new Analyzers();
        QueryRewriter rewriter = QueryRewriter.load(TestServer.SHIPPED_KB.resolve("synonyms.txt"));
        batch = new EntryIndex(analyzers, rewriter, null);
        batch.upsertAll(entries);
        oneByOne = new EntryIndex(analyzers, rewriter, null);
        entries.forEach(oneByOne::upsert);
    }

    @AfterAll
    static void close() {
        batch.close();
        oneByOne.close();
        analyzers.close();
    }

    @Test
    void aBatchSpanningSeveralChunksHoldsEveryEntryOnce() {
        assertTrue(entries.size() > 2 * 128, "the shipped base should span more than two chunks: " + entries.size());
        assertEquals(entries.size(), batch.size());
    }

    /** Phrasing and answer documents in separate segments: a field in every document of its segment has dense norms. */
    @Test
    void phrasingsAndAnswersAreWrittenToSegmentsOfTheirOwnInABatchAndInAPublish() {
        assertEquals(List.of("a", "q"), kindsPerSegment(batch).stream().distinct().sorted().toList());
        try (EntryIndex index = new EntryIndex(analyzers, QueryRewriter.load(TestServer.SHIPPED_KB.resolve("synonyms.txt")), null)) {
            index.upsertAll(entries.subList(0, 20));
            index.upsert(entries.get(3));
            index.upsert(entries.get(30));
            List<String> kinds = kindsPerSegment(index);
            assertTrue(kinds.size() >= 4, "a publish adds a segment of each kind: " + kinds);
            assertEquals(21, index.size());
        }
    }

    /** For each segment, the one kind of document it holds ("q" or "a"); fails on a segment holding both. */
    private static List<String> kindsPerSegment(EntryIndex index) {
        return index.withSearcher(searcher -> searcher.getIndexReader().leaves().stream().map(leaf -> {
            var fields = leaf.reader().getFieldInfos();
            boolean phrasings = fields.fieldInfo(EntryIndex.QUESTION + Analyzers.WORDS) != null;
            boolean answers = fields.fieldInfo(EntryIndex.ANSWER + Analyzers.WORDS) != null;
            assertTrue(phrasings != answers, "a segment of one kind, not both: " + fields);
            return phrasings ? "q" : "a";
        }).toList());
    }

    @Test
    void everyEntryHasTheSameVocabularyWhetherIndexedInABatchOrAlone() {
        for (Entry entry : entries) {
            assertEquals(oneByOne.vocabulary(entry.id()), batch.vocabulary(entry.id()), entry.id());
        }
    }

    @Test
    void theVocabularyHoldsTheWordsOfTheLegalBasisAndTheDepartment() {
        Entry cited = entries.stream().filter(e -> !e.legalBasis().isEmpty()).findFirst().orElseThrow();
        String citation = TextNormalizer.normalize(cited.legalBasis().get(0).citation());
        EntryIndex.Vocabulary vocabulary = batch.vocabulary(cited.id());
        assertTrue(vocabulary.words().containsAll(analyzers.words(citation)), citation);
        assertTrue(vocabulary.words().containsAll(analyzers.words(TextNormalizer.normalize(cited.department()))));
    }

    @Test
    void questionsRankTheSameEntriesWithTheSameScoresEitherWay() {
        Retriever fromBatch = new Retriever(batch, Retriever.Weights.defaults());
        Retriever fromSingles = new Retriever(oneByOne, Retriever.Weights.defaults());
        List<String> questions = new ArrayList<>(List.of("餐馆员工要办健康证吗", "公司拖欠工资怎么办",
                "广告里能不能写最好", "开个小超市要办什么证"));
        entries.stream().limit(40).forEach(e -> questions.add(e.questions().get(0)));
        for (String question : questions) {
            List<SearchHit> a = fromBatch.search(question).hits();
            List<SearchHit> b = fromSingles.search(question).hits();
            assertEquals(b.stream().map(SearchHit::entryId).toList(), a.stream().map(SearchHit::entryId).toList(), question);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(b.get(i).score(), a.get(i).score(), 1e-9, question + " #" + i);
            }
        }
    }
}
