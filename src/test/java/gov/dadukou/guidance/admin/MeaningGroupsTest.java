package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ShippedAssistant;
import gov.dadukou.guidance.chat.QuestionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gaps joined by meaning: made-up questions (not the evaluation set) in words that share few characters. */
class MeaningGroupsTest {
    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    private static final List<String> LIQUOR = List.of(
            "我想卖散装白酒需要办什么证", "小店零售散装白酒要什么手续", "散酒打酒需要许可证吗",
            "自己泡的药酒可以拿出来卖吗", "药酒能不能在店里售卖", "泡了人参酒想在饭店卖给客人");
    private static final List<String> OTHERS = List.of(
            "餐馆招牌要不要审批", "门头店招更换要去哪里备案",
            "员工不签劳动合同怎么办", "试用期不签合同合法吗",
            "网吧未成年人能进吗", "烧烤摊能不能在路边摆");

    @Test
    void bulkLiquorAndMedicinalWineQuestionsBecomeOneGapWithTheAssistantsEmbeddings() {
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            asked.add(LIQUOR.get(i));
            asked.add(OTHERS.get(i));
        }
        List<QuestionLog.Row> rows = QuestionGapsTest.rows(asked);
        List<QuestionGaps.Gap> byCharacters = QuestionGaps.group(rows, 100);
        assertTrue(byCharacters.stream().filter(g -> g.examples().stream().anyMatch(LIQUOR::contains)).count() >= 3,
                "by characters alone the liquor questions are split: " + byCharacters);

        List<QuestionGaps.Gap> gaps = shipped.get().gaps().report(rows).top(100);
        QuestionGaps.Gap liquor = gaps.stream().filter(g -> g.examples().contains("我想卖散装白酒需要办什么证")).findFirst().orElseThrow();
        assertTrue(liquor.examples().contains("自己泡的药酒可以拿出来卖吗") && liquor.examples().contains("药酒能不能在店里售卖"),
                "散装白酒 and 药酒 in one gap: " + gaps);
        assertTrue(liquor.count() >= 5, gaps.toString());
        assertTrue(liquor.examples().stream().noneMatch(OTHERS::contains), "no other topic joins the liquor gap: " + liquor);
        assertEquals(gaps.stream().mapToInt(QuestionGaps.Gap::count).sum(), asked.size(), "every question is in exactly one gap");
    }

    @Test
    void aLooseNeighbourDoesNotChainTwoTopicsTogether() {
        // a ≈ b and b ≈ c but a is far from c: c is compared with the kept group (a and b summed), not with b alone.
        float[] a = {1, 0, 0};
        float[] b = {0.8f, 0.6f, 0};
        float[] c = {-0.2f, 0.97f, 0.1f};
        Map<String, float[]> vectors = Map.of("甲", a, "乙", b, "丙", c);
        List<List<Integer>> groups = List.of(List.of(0, 3), List.of(1), List.of(2));
        List<String> texts = List.of("甲", "乙", "丙", "甲");
        List<List<Integer>> merged = MeaningGroups.merge(groups, texts::get, meaning(vectors, new AtomicInteger()));
        assertEquals(List.of(List.of(0, 1, 3), List.of(2)), merged, "乙 joins 甲; 丙 stays apart");
    }

    @Test
    void onlyTheLargestGroupsAreEmbeddedAndOnlyTheirFirstQuestions() {
        List<List<Integer>> groups = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int g = 0; g < MeaningGroups.MAX_GROUPS + 50; g++) {
            List<Integer> group = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                group.add(texts.size());
                texts.add("问题" + g + "之" + k);
            }
            groups.add(group);
        }
        AtomicInteger embedded = new AtomicInteger();
        MeaningGroups.merge(groups, texts::get, meaning(Map.of(), embedded));
        assertEquals(MeaningGroups.MAX_GROUPS * MeaningGroups.PER_GROUP, embedded.get());
    }

    private static QuestionGaps.Meaning meaning(Map<String, float[]> vectors, AtomicInteger calls) {
        return new QuestionGaps.Meaning() {
            @Override
            public float[] vector(String question) {
                calls.incrementAndGet();
                return vectors.getOrDefault(question, new float[]{0, 0, 1});
            }

            @Override
            public float[] common() {
                return new float[3];
            }
        };
    }
}
