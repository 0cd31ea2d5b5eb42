package gov.dadukou.guidance.search;

import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden rewrites of the shipped synonyms.txt: the typos and colloquial words real questions use. */
class QueryRewriterGoldenTest {
    static final QueryRewriter SHIPPED = QueryRewriter.load(TestServer.SHIPPED_KB.resolve("synonyms.txt"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "工厂倒闭了能拿到卜常金吗, 工厂倒闭了能拿到补偿金吗",
            "解除合同的补尝标准, 解除合同的补偿标准",
            "被辞退有遣散费吗, 被辞退有经济补偿吗",
            "店员给我换了型号算欺骗吗, 店员给我换了型号算欺诈吗",
            "营叶执照丢了怎么办, 营业执照丢了怎么办",
            "被市场监管局罚了款想起诉他们, 被市场监管局罚款想起诉他们",
            "城管罚了我的款没开票, 城管罚款没开票",
    })
    void aTypoOrColloquialWordBecomesTheWordTheEntriesUse(String question, String rewritten) {
        assertEquals(rewritten, SHIPPED.rewrite(question));
    }

    @ParameterizedTest(name = "{0} stays")
    @CsvSource({
            "欺诈和欺骗有什么区别",
            "经济补偿和补尝是一回事吗",
    })
    void aQuestionThatAlreadyUsesTheEntriesWordIsLeftAlone(String question) {
        assertEquals(question, SHIPPED.rewrite(question));
    }
}
