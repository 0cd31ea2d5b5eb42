package gov.dadukou.guidance.search;

import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct session path gives langchain4j's vectors to the bit (issue #18: no quality change). */
class BgeEmbedderTest {
    private static BgeEmbedder model;
    private static List<String> knowledgeBaseTexts;

    @BeforeAll
    static void loadModel() {
        model = new BgeEmbedder();
        knowledgeBaseTexts = ShippedEmbeddings.texts(KnowledgeBaseLoader.load(TestServer.SHIPPED_KB).entries());
    }

    /** What {@link BgeEmbedder#embed} returned before it ran the session itself. */
    private static float[] throughLangchain4j(String text) {
        return BgeEmbedder.unit(model.viaLangchain4j(text));
    }

    private static void assertSameVector(String text) {
        assertArrayEquals(throughLangchain4j(text), model.embed(text), () -> "vector differs for: " + text);
    }

    @Test
    void loadingTheModelLeavesNoExtractionDirectoryBehind() {
        Path extracted = OnnxRuntimeTempDir.path().orElseThrow(
                () -> new AssertionError("onnxruntime's extraction directory is no longer readable: see OnnxRuntimeTempDir"));
        assertFalse(Files.exists(extracted), () -> extracted + " is still there");
    }

    @Test
    void everyFourthKnowledgeBaseTextGetsTheSameVectorAsThroughLangchain4j() {
        for (int i = 0; i < knowledgeBaseTexts.size(); i += 4) {
            assertSameVector(knowledgeBaseTexts.get(i));
        }
    }

    @Test
    void theBenchmarkQuestionsGetTheSameVectorsAsThroughLangchain4j() throws IOException {
        for (String line : Files.readAllLines(Path.of("bench/questions.txt"))) {
            if (!line.isBlank()) {
                assertSameVector(TextNormalizer.normalize(line));
            }
        }
    }

    @Test
    void oddTextsGetTheSameVectorsAsThroughLangchain4j() {
        List<String> odd = new ArrayList<>(List.of("2026年营业执照", "abc公司的logo能用吗", "ABC公司", "😀店招怎么审批",
                "[sep]你好", "[SEP]你好", "email地址填什么", "  前后有空格  ", "。。。", "a", "中", "营业执照\n挂在哪里",
                "https://example.com/路径?x=1", "第12345678次问"));
        odd.add("营业执照要挂在店里吗".repeat(60)); // past the model's 512 tokens: split by langchain4j
        for (String text : odd) {
            assertSameVector(text);
        }
    }

    @Test
    void mostKnowledgeBaseTextsTakeTheDirectPath() {
        long direct = knowledgeBaseTexts.stream().filter(model::direct).count();
        assertTrue(direct >= knowledgeBaseTexts.size() * 0.8, direct + " of " + knowledgeBaseTexts.size());
    }

    @Test
    void wordPiecesUnknownCharactersAndLongTextsGoThroughLangchain4j() {
        assertFalse(model.direct("2026年营业执照"));          // 202 ##6
        assertFalse(model.direct("😀店招"));                  // [UNK]
        assertFalse(model.direct("营业执照".repeat(200)));
        assertTrue(model.direct("营业执照要挂在店里吗"));
    }

    @Test
    void anEmptyTextIsRefusedAsBefore() {
        assertThrows(IllegalArgumentException.class, () -> model.embed(""));
        assertThrows(IllegalArgumentException.class, () -> model.embed("   "));
    }
}
