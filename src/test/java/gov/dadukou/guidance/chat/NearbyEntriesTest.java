package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ShippedAssistant;
import gov.dadukou.guidance.knowledge.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Below "did you mean", the honest "not sure" lists the nearest entries as reading, without asserting any
 * of them; below {@link AnswerPolicy#NEARBY_FLOOR} it lists nothing. The shipped policy's weights are used
 * with the thresholds moved, so that one ordinary question can be put in each band.
 */
class NearbyEntriesTest {
    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    private static final String QUESTION = "员工下班路上出车祸公司管不管";

    private ChatService withThresholds(double answer, double clarify) {
        AnswerPolicy policy = new AnswerPolicy(AnswerPolicy.defaults().coefficients(), answer, clarify);
        return new ChatService(shipped.get().entries(), shipped.get().retriever(), policy,
                new MemorySessions(Clock.systemUTC(), Duration.ofMinutes(5), 100), new ChatService.Season() {
                    @Override
                    public List<Entry> inSeason() {
                        return List.of();
                    }

                    @Override
                    public String today() {
                        return "2026-12-02";
                    }
                });
    }

    @Test
    void aQuestionBelowDidYouMeanGetsTheNotSureReplyWithNearbyEntriesUnderIt() {
        ChatReply reply = withThresholds(0.999, 0.998).ask(QUESTION, null);
        assertTrue(reply.confidence() >= AnswerPolicy.NEARBY_FLOOR && reply.confidence() < 0.998, "" + reply.confidence());
        assertFalse(reply.matched());
        assertEquals("none", reply.outcome());
        assertTrue(reply.sources().isEmpty(), "no entry is cited when none is asserted");
        assertTrue(reply.answer().startsWith("抱歉，这个问题我没有把握回答"), reply.answer());
        assertTrue(reply.answer().contains("不一定符合您的情况"), reply.answer());
        assertFalse(reply.suggestions().isEmpty());
        assertTrue(reply.suggestions().size() <= ChatService.OFFERS, reply.suggestions().toString());
        for (String s : reply.suggestions()) {
            assertTrue(reply.answer().contains(s), "each nearby entry is listed in the text too: " + s);
        }
    }

    @Test
    void theSameQuestionIsAnsweredOrAskedAboutWhenThePolicyIsSureEnough() {
        assertEquals("clarify", withThresholds(0.999, AnswerPolicy.NEARBY_FLOOR).ask(QUESTION, null).outcome());
        assertTrue(withThresholds(AnswerPolicy.NEARBY_FLOOR, AnswerPolicy.NEARBY_FLOOR).ask(QUESTION, null).matched());
    }

    @Test
    void notSureOffersUpToFiveEntriesWhileAnAnswerListsThreeNextQuestions() {
        ChatReply offered = withThresholds(0.999, 0.0001).ask(QUESTION, null);
        assertEquals("clarify", offered.outcome());
        assertEquals(ChatService.OFFERS, offered.suggestions().size(), "a story may touch several entries: " + offered.suggestions());
        assertEquals(5, ChatService.OFFERS);
        ChatReply answered = withThresholds(0.0001, 0.0001).ask(QUESTION, null);
        assertTrue(answered.matched());
        assertEquals(3, answered.suggestions().size(), "an answer is the reply; three next questions beside it: " + answered.suggestions());
    }

    @Test
    void textTheBaseHardlyKnowsGetsNoNearbyEntries() {
        ChatReply reply = withThresholds(0.999, 0.998).ask("床前明月光，疑是地上霜。举头望明月，低头思故乡。", null);
        assertFalse(reply.matched());
        assertTrue(reply.suggestions().isEmpty(), reply.suggestions().toString());
    }
}
