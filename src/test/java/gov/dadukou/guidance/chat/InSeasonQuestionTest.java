package gov.dadukou.guidance.chat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "What should I watch for lately" is answered with the reminders in season; a story that only mentions a coming
 * inspection before asking something else is searched like any question (it got the Spring Festival wage reminder,
 * "matched" at 1.0, for a factory asking which safety records to prepare).
 */
class InSeasonQuestionTest {

    @ParameterizedTest
    @ValueSource(strings = {"最近要注意什么", "最近要注意什么？", "我开饭馆的，这段时间执法检查重点是什么？", "节前有什么提醒吗",
            "现在检查的重点是啥子", "最近 要注意什么", "这段时间 执法检查重点是啥"})
    void aQuestionWhoseLastClauseAsksWhatIsInSeasonGetsTheReminders(String question) {
        assertTrue(ChatService.asksWhatIsInSeason(question), question);
    }

    @ParameterizedTest
    @ValueSource(strings = {"我开了家小型五金加工厂，最近应急局说要来检查，我需要提前准备哪些安全生产资料？",
            "最近市场监管局来检查了，说我的价签不规范，会罚款吗", "营业执照要挂出来吗", "什么是执法事项提示",
            // Spaces for commas: the ask is the last clause, not the inspection the story mentions.
            "我开的火锅店 最近社区来检查 说要装燃气报警器 这个是强制的吗 小店负担不起",
            "最近市场监管局来检查 说价签不规范 会罚款吗"})
    void aStoryMentioningAnInspectionBeforeItsAskIsSearched(String question) {
        assertFalse(ChatService.asksWhatIsInSeason(question), question);
    }
}
