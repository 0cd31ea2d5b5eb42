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
