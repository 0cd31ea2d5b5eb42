package gov.dadukou.guidance.search;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden tokens: what the index and the queries see for small Chinese fixtures. */
class AnalyzersGoldenTest {
    static final Analyzers ANALYZERS = new Analyzers();

    @AfterAll
    static void close() {
        ANALYZERS.close();
    }

    @Test
    void smartcnSplitsAQuestionIntoWords() {
        assertEquals(List.of("营业执照", "要", "挂", "出来", "吗"), ANALYZERS.words("营业执照要挂出来吗"));
    }

    @Test
    void smartcnBreaksDomainTermsThatBigramsKeep() {
        assertEquals(List.of("首", "违", "不", "罚"), ANALYZERS.words("首违不罚"));
        assertEquals(List.of("首违", "违不", "不罚"), ANALYZERS.bigrams("首违不罚"));
    }

    @Test
    void bigramsKeepLatinWordsWhole() {
        assertEquals(List.of("开", "ktv", "要消", "消防", "防检", "检查", "查吗"), ANALYZERS.bigrams("开ktv要消防检查吗"));
    }

    @Test
    void normalizerTurnsTraditionalAndFullWidthIntoSimplified() {
        assertEquals("营业执照要挂出来吗?", TextNormalizer.normalize("營業執照要掛出來嗎？"));
        assertEquals("ktv", TextNormalizer.normalize("ＫＴＶ"));
    }
}
