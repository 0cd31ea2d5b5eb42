package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ShippedAssistant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * "开个洗车店要办哪些证": the base has overviews of opening a convenience store, a restaurant, a hair salon, an online
 * shop and a homestay, each listing that business's licences, and a general one. Asked about a business none of the
 * specific ones names, the chat may offer them but never asserts one: a car wash's licences are not a convenience
 * store's.
 */
class OtherBusinessTest {
    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    @Test
    void aBusinessNoOverviewNamesGetsTheOverviewsOfferedNeverAsserted() {
        for (String question : List.of("开个洗车店要办哪些证", "开个快递驿站要办哪些证")) {
            ChatReply reply = shipped.get().chat().ask(question, null);
            assertFalse(reply.matched(), question + " -> " + reply.answer());
            assertEquals("clarify", reply.outcome(), question);
            assertFalse(reply.suggestions().isEmpty(), question + ": the nearest overviews are offered");
        }
    }

    /** The general overview names many trades and is for any business: the rule above does not hold it back. */
    @Test
    void theGeneralOverviewAnswersForTheTradesItNamesAndForAnyShop() {
        Answers.assertAnsweredWith(shipped.get(), "scjg-kaiban-tongyong-zhengzhao",
                List.of("开个药店要办哪些证", "开个网吧要办哪些证", "开个KTV要办哪些证", "开个健身房要办哪些证", "开个五金店要办哪些证"));
    }

    @Test
    void aBusinessAnOverviewNamesStillGetsItsOverview() {
        java.util.Map<String, String> expected = java.util.Map.of(
                "开个小超市要办哪些证", "scjg-kaiban-bianlidian-shouxu",
                "开了家火锅店要办什么证", "scjg-kaiban-canyindian-shouxu",
                "开个美甲店要办啥证", "scjg-kaiban-meirong-meifa-shouxu",
                "在家开网店要办哪些手续", "scjg-kaiban-wangdian-zhibo-shouxu");
        Answers.assertAnsweredWith(shipped.get(), expected);
    }
}
