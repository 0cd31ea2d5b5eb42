package gov.dadukou.guidance.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticKnowledgeBaseTest {
    private static final Path SHIPPED = Path.of("knowledge-base");

    @TempDir
    Path dir;

    @Test
    void aGeneratedBaseOfFiftyEntriesPassesTheLoadersValidation() {
        KnowledgeBase real = KnowledgeBaseLoader.load(SHIPPED);
        SyntheticKnowledgeBase.write(real, SHIPPED, 50, 18, dir);

        KnowledgeBase synthetic = KnowledgeBaseLoader.load(dir);

        assertEquals(50, synthetic.entries().size());
        assertEquals(real.departments(), synthetic.departments());
        assertEquals(real.topics(), synthetic.topics());
        assertTrue(Files.isRegularFile(dir.resolve("synonyms.txt")));
    }

    @Test
    void everySyntheticEntryIsMarkedAsSyntheticAndHasAUniqueId() {
        List<Entry> entries = SyntheticKnowledgeBase.generate(KnowledgeBaseLoader.load(SHIPPED), 50, 18);

        Set<String> ids = new HashSet<>();
        for (Entry e : entries) {
            assertTrue(ids.add(e.id()), e.id());
            assertTrue(e.id().startsWith(SyntheticKnowledgeBase.ID_PREFIX), e.id());
            assertTrue(e.answer().startsWith(SyntheticKnowledgeBase.ANSWER_MARK), e.id());
            assertEquals(SyntheticKnowledgeBase.VERIFY_NOTE, e.verify());
            assertTrue(e.sourceFile().startsWith("entries/synthetic-"), e.sourceFile());
        }
    }

    @Test
    void theSameSeedWritesTheSameFilesAndAnotherSeedOthers(@TempDir Path again, @TempDir Path other) throws IOException {
        KnowledgeBase real = KnowledgeBaseLoader.load(SHIPPED);
        SyntheticKnowledgeBase.write(real, SHIPPED, 50, 18, dir);
        SyntheticKnowledgeBase.write(real, SHIPPED, 50, 18, again);
        SyntheticKnowledgeBase.write(real, SHIPPED, 50, 19, other);

        assertEquals(contents(dir), contents(again));
        assertNotEquals(contents(dir), contents(other));
        assertEquals(KnowledgeBaseLoader.load(dir).version(), KnowledgeBaseLoader.load(again).version());
    }

    /** Every file's relative path and text, in path order. */
    private static List<String> contents(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().map(f -> {
                try {
                    return root.relativize(f) + "\n" + Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
