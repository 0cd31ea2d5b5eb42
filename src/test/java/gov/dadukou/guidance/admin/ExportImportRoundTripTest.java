package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseExporter;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExportImportRoundTripTest {
    static final LiveEntries NOWHERE = new LiveEntries() {
        @Override
        public void publish(Entry entry) {
        }

        @Override
        public void retire(String entryId) {
        }
    };

    @TempDir
    Path dir;

    @Test
    void exportThenLoadGivesTheSameEntriesAndImportingItAgainChangesNothing() {
        KnowledgeBase shipped = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        try (Database db = Database.open(dir.resolve("test.db"))) {
            EntryWorkflow workflow = new EntryWorkflow(db, shipped, NOWHERE, Clock.systemUTC());
            assertEquals(shipped.entries().size(), workflow.seedIfEmpty(shipped));

            Path out = dir.resolve("export");
            KnowledgeBaseExporter.export(shipped.departments(), shipped.topics(), workflow.published(), out);
            KnowledgeBase reloaded = KnowledgeBaseLoader.load(out);

            Map<String, Entry> before = shipped.entries().stream().collect(Collectors.toMap(Entry::id, Function.identity()));
            Map<String, Entry> after = reloaded.entries().stream().collect(Collectors.toMap(Entry::id, Function.identity()));
            assertEquals(before, after, "export then load is lossless, source files included");
            assertEquals(shipped.departments(), reloaded.departments());
            assertEquals(shipped.topics(), reloaded.topics());

            assertEquals(Map.of("added", 0, "proposed", 0), workflow.importShipped(reloaded));
        }
    }

    @Test
    void importingAChangedShippedEntryProposesARevisionAndNeverOverwritesTheLiveOne() {
        KnowledgeBase shipped = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        try (Database db = Database.open(dir.resolve("test.db"))) {
            EntryWorkflow workflow = new EntryWorkflow(db, shipped, NOWHERE, Clock.systemUTC());
            workflow.seedIfEmpty(shipped);
            Entry first = shipped.entries().get(0);
            Entry changed = new Entry(first.id(), first.kind(), first.title(), first.questions(), first.answer() + "（更新）",
                    first.department(), first.method(), first.legalBasis(), first.url(), first.reviewed(), first.topics(),
                    first.verify(), first.window(), first.related(), first.sourceFile());
            KnowledgeBase next = new KnowledgeBase(java.util.List.of(changed), shipped.departments(), shipped.topics(), "next");
            assertEquals(Map.of("added", 0, "proposed", 1), workflow.importShipped(next));
            assertEquals("submitted", workflow.history(first.id()).get(1).status());
            Entry live = workflow.published().stream().filter(e -> e.id().equals(first.id())).findFirst().orElseThrow();
            assertEquals(first.answer(), live.answer(), "the live version is untouched until a reviewer publishes");
        }
    }
}
