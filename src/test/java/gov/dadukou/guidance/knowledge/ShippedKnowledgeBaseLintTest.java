package gov.dadukou.guidance.knowledge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lints the knowledge base that ships: the loader's validation plus the content rules of knowledge-base/README.md. */
class ShippedKnowledgeBaseLintTest {
    static KnowledgeBase kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
    }

    @Test
    void shipsAtLeast150Entries() {
        assertTrue(kb.entries().size() >= 150, "entries: " + kb.entries().size());
    }

    @Test
    void everyKindIsCovered() {
        assertEquals(EnumSet.allOf(Kind.class), kb.entries().stream().map(Entry::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class))));
    }

    @Test
    void everyGuidanceMethodIsUsedSomewhere() {
        Set<Method> used = kb.entries().stream().map(Entry::method).filter(m -> m != null).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Method.class), used);
    }

    @Test
    void atLeastTenDepartmentsImplementEntries() {
        assertTrue(kb.entries().stream().map(Entry::department).distinct().count() >= 10);
    }

    @Test
    void everyEntryHasAtLeastFourPhrasings() {
        kb.entries().forEach(e -> assertTrue(e.questions().size() >= 4, e.id()));
    }

    /**
     * knowledge-base/README.md asks for titles of at most 60 characters (the widget shows them as one line of a
     * did-you-mean list); the parser accepts up to {@link EntryParser#MAX_TITLE} so that a staff draft is not refused
     * for it, but what ships keeps to the README.
     */
    @Test
    void shippedTitlesKeepToTheReadmesSixtyCharacters() {
        kb.entries().forEach(e -> assertTrue(e.title().codePointCount(0, e.title().length()) <= 60, e.id() + ": " + e.title()));
    }

    @Test
    void answersLeaveTheNonBindingNoticeToTheSystem() {
        kb.entries().forEach(e -> assertFalse(e.answer().contains("不具有强制力"), e.id()));
    }

    @Test
    void illustrativeCasesSayWhatTheyAreAndAwaitRealOnes() {
        kb.entries().stream().filter(e -> e.kind() == Kind.TYPICAL_CASE).forEach(e -> {
            assertTrue(e.answer().startsWith("（说明性案例）"), e.id());
            assertTrue(e.needsVerification(), e.id());
        });
    }

    @Test
    void everyReminderWindowResolvesInTheComingYears() {
        kb.entries().stream().filter(e -> e.kind() == Kind.ENFORCEMENT_REMINDER).forEach(e -> {
            for (int year = 2026; year <= 2035; year++) {
                YearlyWindow.Occurrence o = e.window().startingIn(year);
                assertTrue(!o.end().isBefore(o.start()) && o.start().plusDays(366).isAfter(o.end()), e.id() + " " + year);
            }
        });
    }

    @Test
    void everyReminderHasATopicSoThatSubscribersCanReceiveIt() {
        kb.entries().stream().filter(e -> e.kind() == Kind.ENFORCEMENT_REMINDER)
                .forEach(e -> assertFalse(e.topics().isEmpty(), e.id()));
    }

    @Test
    void reviewDatesAreNotInTheFuture() {
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        kb.entries().forEach(e -> assertTrue(e.reviewed().isBefore(tomorrow), e.id()));
    }

    /** 12345 (government service), 12315 (consumer complaints), 12333 (labour and social security): all real. */
    private static final java.util.Set<String> REAL_HOTLINES = java.util.Set.of("12345", "12315", "12333");

    @Test
    void theOnlyTelephoneNumbersGivenAreTheRealPublicHotlines() {
        kb.entries().forEach(e -> {
            // Standards such as GB 23350-2021 are numbers too, but not telephone numbers.
            String digits = e.answer().replaceAll("GB(/T)?\\s*[0-9.]+(-[0-9]{4})?", " ").replaceAll("[^0-9]+", " ");
            for (String run : digits.trim().split(" ")) {
                assertTrue(run.length() < 5 || REAL_HOTLINES.contains(run), e.id() + " has a number that may be a telephone: " + run);
            }
        });
    }

    /**
     * An evaluation question copied in as a phrasing would score itself: the sets in eval/ (and the shared
     * development sets beside the project, where present) measure questions the base was not written from.
     */
    @Test
    void noPhrasingIsAQuestionOfAnEvaluationSet() throws IOException {
        Set<String> phrasings = kb.entries().stream().flatMap(e -> e.questions().stream()).collect(Collectors.toSet());
        List<Path> sets = new ArrayList<>();
        for (Path dir : List.of(Path.of("eval"), Path.of("../shared/eval"))) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    files.filter(f -> f.toString().endsWith(".jsonl")).forEach(sets::add);
                }
            }
        }
        assertTrue(sets.stream().anyMatch(f -> f.startsWith("eval")), "the project's own sets are read");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Path set : sets) {
            for (String line : Files.readAllLines(set, StandardCharsets.UTF_8)) {
                if (line.isBlank() || !line.contains("\"q\"")) {
                    continue;
                }
                String question = json.readTree(line).path("q").asText();
                assertFalse(phrasings.contains(question), set + " question is a phrasing of the base: " + question);
            }
        }
    }

    @Test
    void readmeCountsAreGeneratedFromTheCurrentBase() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int begin = readme.indexOf(KnowledgeBaseStats.BEGIN);
        int end = readme.indexOf(KnowledgeBaseStats.END);
        assertTrue(begin >= 0 && end > begin, "README lacks the kb-stats markers");
        String embedded = readme.substring(begin + KnowledgeBaseStats.BEGIN.length(), end).strip();
        assertEquals(KnowledgeBaseStats.markdown(kb).strip(), embedded,
                "README counts are stale: run `java -jar target/guidance-assistant.jar kb-stats` and paste the output");
    }
}
