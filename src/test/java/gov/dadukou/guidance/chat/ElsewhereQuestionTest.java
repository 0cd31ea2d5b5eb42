package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ShippedAssistant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A question about another place's rules ("深圳的…") is never answered with Chongqing's or the national rule as if it
 * were that place's: the reply says where to ask, lists nearby entries as reading only, and is not {@code matched}.
 * A story that merely happens elsewhere is searched like any other.
 */
class ElsewhereQuestionTest {
    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    @Test
    void anotherPlacesRulesAreReferredToThatPlace() {
        for (String question : new String[] {"深圳的个体户年报怎么报", "杭州的最低工资标准是多少", "上海市的餐饮油烟排放有什么规定"}) {
            ChatReply reply = shipped.get().chat().ask(question, null);
            assertFalse(reply.matched(), question + " -> " + reply.answer());
            assertEquals("none", reply.outcome(), question);
            assertTrue(reply.sources().isEmpty(), question);
            assertTrue(reply.answer().startsWith("您问的是"), reply.answer());
            assertTrue(reply.answer().contains("12345"), reply.answer());
        }
    }

    @Test
    void aStoryThatHappensElsewhereIsStillAnswered() {
        ChatReply reply = shipped.get().chat().ask("我在杭州一家饭店上班，入职三个月了老板一直没跟我签劳动合同，能要双倍工资吗", null);
        assertFalse(reply.answer().startsWith("您问的是"), reply.answer());
        assertTrue(reply.matched() || !reply.suggestions().isEmpty(), reply.answer());
    }
}
