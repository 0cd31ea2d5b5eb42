package gov.dadukou.guidance.search;

import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warm start opens the index the previous start saved instead of analysing every entry again. It must be exactly
 * what a fresh build gives, and any change to what the index is built from must give a fresh build.
 */
class IndexSnapshotsTest {
    static List<Entry> entries;
    static Analyzers analyzers;
    static QueryRewriter rewriter;
    static EntryIndex fresh;

    @BeforeAll
    static void build() {
        entries = KnowledgeBaseLoader.load(TestServer.SHIPPED_KB).entries();
        analyzers = new Analyzers();
        rewriter = QueryRewriter.load(TestServer.SHIPPED_KB.resolve("synonyms.txt"));
        fresh = new EntryIndex(analyzers, rewriter, null);
        fresh.upsertAll(entries);
    }

    @AfterAll
    static void close() {
        fresh.close();
        analyzers.close();
    }

    private static EntryIndex loaded(IndexSnapshots snapshots, List<Entry> from, boolean expectRestored) {
        EntryIndex index = new EntryIndex(analyzers, rewriter, null);
        assertEquals(expectRestored, index.load(from, snapshots), "restored from the snapshot");
        return index;
    }

    private static List<String> keys(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theSecondStartOpensTheSnapshotAndRanksExactlyAsAFreshBuild(@TempDir Path dir) {
        IndexSnapshots snapshots = IndexSnapshots.in(dir, "test-build-1");
        loaded(snapshots, entries, false).close();
        try (EntryIndex restored = loaded(snapshots, entries, true)) {
            assertEquals(entries.size(), restored.size());
            for (Entry entry : entries) {
                assertEquals(fresh.vocabulary(entry.id()), restored.vocabulary(entry.id()), entry.id());
            }
            Retriever a = new Retriever(fresh, Retriever.Weights.defaults());
            Retriever b = new Retriever(restored, Retriever.Weights.defaults());
            List<String> questions = new ArrayList<>(List.of("餐馆员工要办健康证吗", "公司拖欠工资怎么办", "房东不退押金怎么办",
                    "开个小超市要办什么证", "我在大渡口开了家火锅店，年报什么时候报"));
            entries.stream().limit(60).forEach(e -> questions.add(e.questions().get(e.questions().size() - 1)));
            for (String question : questions) {
                SearchResult x = a.search(question);
                SearchResult y = b.search(question);
                assertEquals(x.knownShare(), y.knownShare(), question);
                assertEquals(x.hits().size(), y.hits().size(), question);
                for (int i = 0; i < x.hits().size(); i++) {
                    SearchHit p = x.hits().get(i);
                    SearchHit q = y.hits().get(i);
                    assertEquals(p.entryId(), q.entryId(), question + " #" + i);
                    assertEquals(p.score(), q.score(), 0.0, question + " #" + i);
                    assertEquals(p.wordCoverage(), q.wordCoverage(), 0.0, question + " #" + i);
                    assertEquals(p.bigramCoverage(), q.bigramCoverage(), 0.0, question + " #" + i);
                    assertEquals(p.bestPhrasing(), q.bestPhrasing(), question + " #" + i);
                }
            }
        }
    }

    @Test
    void anEditedEntryGetsAFreshBuildAndReplacesTheOldSnapshot(@TempDir Path dir) throws IOException {
        IndexSnapshots snapshots = IndexSnapshots.in(dir, "test-build-1");
        loaded(snapshots, entries, false).close();
        List<String> before = keys(dir);
        List<Entry> edited = new ArrayList<>(entries);
        Entry e = edited.get(7);
        edited.set(7, new Entry(e.id(), e.kind(), e.title(), e.questions(), e.answer() + "（已修订）", e.department(),
                e.method(), e.legalBasis(), e.url(), e.reviewed(), e.topics(), e.verify(), e.window(), e.related(),
                e.sourceFile(), e.conditions(), e.outcomes()));
        try (EntryIndex rebuilt = loaded(snapshots, edited, false)) {
            assertTrue(rebuilt.vocabulary(e.id()).words().contains("修订"), "the edit is in the rebuilt vocabulary");
        }
        List<String> after = keys(dir);
        assertEquals(1, after.size(), "only the current snapshot is kept: " + after);
        assertNotEquals(before, after);
        loaded(snapshots, edited, true).close();
    }

    @Test
    void anotherBuildOfTheCodeOrOtherSynonymsNeverOpenAnOldSnapshot(@TempDir Path dir) {
        loaded(IndexSnapshots.in(dir, "test-build-1"), entries, false).close();
        loaded(IndexSnapshots.in(dir, "test-build-2"), entries, false).close();
        IndexSnapshots same = IndexSnapshots.in(dir, "test-build-2");
        assertNotEquals(same.key(entries, rewriter), same.key(entries, QueryRewriter.load(null)));
        assertNotEquals(same.key(entries, rewriter), same.key(reversed(entries), rewriter), "the order makes the doc ids");
    }

    private static List<Entry> reversed(List<Entry> list) {
        List<Entry> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void aDamagedSnapshotIsRebuiltNotTrusted(@TempDir Path dir) throws IOException {
        IndexSnapshots snapshots = IndexSnapshots.in(dir, "test-build-1");
        loaded(snapshots, entries, false).close();
        Path vocabularies = dir.resolve(keys(dir).get(0)).resolve("vocabularies.bin");
        byte[] bytes = Files.readAllBytes(vocabularies);
        Files.write(vocabularies, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (EntryIndex rebuilt = loaded(snapshots, entries, false)) {
            assertEquals(entries.size(), rebuilt.size());
        }
    }

    @Test
    void withoutACodeIdentitySnapshotsAreOff(@TempDir Path dir) throws IOException {
        loaded(IndexSnapshots.off(), entries, false).close();
        loaded(IndexSnapshots.in(dir, null), entries, false).close();
        assertFalse(keys(dir).iterator().hasNext(), "nothing written");
    }
}
