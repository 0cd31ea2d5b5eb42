package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ShippedAssistant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * "结婚登记需要带什么材料" shares 登记, 带 and 材料 with the entry on registering a business, and nothing else: a
 * person's own civil matters (marriage, household registration, housing fund…) are never answered with an entry that
 * does not mention them. The business question itself still is.
 */
class PersonalMatterTest {
    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    @Test
    void aPersonalMatterIsNeverAnsweredWithABusinessEntryThatDoesNotMentionIt() {
        for (String question : List.of("结婚登记需要带什么材料", "结婚证在大渡口哪里领", "户口迁移要准备什么材料", "公积金提取要多久到账")) {
            ChatReply reply = shipped.get().chat().ask(question, null);
            assertFalse(reply.matched(), question + " -> " + reply.answer());
        }
    }

    /** Business questions that name a passport or a household register are answered as before. */
    @Test
    void businessQuestionsThatShareAWordAreStillAnswered() {
        java.util.Map<String, String> expected = java.util.Map.of(
                "办营业执照需要带什么材料", "scjg-sheli-dengji-cailiao",
                "办营业执照要带户口本吗", "scjg-sheli-dengji-cailiao",
                "旅馆住客用护照入住要登记吗", "ga-lvguan-ruzhu-dengji");
        Answers.assertAnsweredWith(shipped.get(), expected);
    }
}
