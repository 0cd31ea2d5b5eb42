package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.chat.QuestionLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionGapsTest {
    static List<QuestionLog.Row> rows(String... questions) {
        List<QuestionLog.Row> out = new ArrayList<>();
        for (int i = 0; i < questions.length; i++) {
            out.add(new QuestionLog.Row(i, "2026-11-27T00:00:00Z", questions[i], "none", null, 0.1));
        }
        return out;
    }

    @Test
    void similarUnansweredQuestionsFormGroupsLargestFirst() {
        List<QuestionGaps.Gap> gaps = QuestionGaps.group(rows(
                "共享充电宝放店里要备案吗", "共享充电宝放在店里需要备案吗", "店里放共享充电宝要不要备案", "共享充电宝备案",
                "直播带货要办什么证", "直播带货需要什么证",
                "宠物店要办什么许可",
                "共享充电宝放店里要不要报备"), 10);
        assertEquals(3, gaps.size(), gaps.toString());
        assertTrue(gaps.get(0).representative().contains("共享充电宝"));
        assertEquals(5, gaps.get(0).count());
        assertEquals(2, gaps.get(1).count());
        assertEquals(1, gaps.get(2).count());
    }

    @Test
    void onlyTheTopGroupsAreReturned() {
        assertEquals(2, QuestionGaps.group(rows("甲问题一二三", "乙问题四五六", "丙问题七八九"), 2).size());
    }
}
