package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ShippedAssistant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * "医保卡丢了怎么补办" reads almost like "营业执照丢了怎么补办", and the base says how to replace a business licence
 * only: replacing an ID card, a medical insurance card or a health certificate is done elsewhere and otherwise. The
 * chat may offer the licence entry; it never asserts it for another document.
 */
class LostDocumentTest {
    private static final String LICENCE = "scjg-yyzz-yishi-buling";
    /** The referral on replacing a lost or expired ID card. */
    private static final String ID_CARD = "ga-shenfenzheng-buling";

    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    @Test
    void anotherLostDocumentNeverGetsTheLicenceAnswerNorTheIdCardsReferral() {
        for (String question : List.of("医保卡丢了怎么补办", "医保卡丢了咋个补", "健康证丢了怎么补办", "驾驶证丢了补办",
                "食品经营许可证丢了怎么补办")) {
            ChatReply reply = shipped.get().chat().ask(question, null);
            assertFalse(reply.matched(), question + " -> " + reply.answer());
            assertFalse(reply.sources().stream().anyMatch(s -> s.id().equals(LICENCE) || s.id().equals(ID_CARD)),
                    question + " is given another document's replacement: " + reply.answer());
        }
    }

    /** Something lost that is no document at all ("手机丢了") is no question about replacing a licence either. */
    @Test
    void aLostThingThatIsNoDocumentNeverGetsTheLicenceAnswer() {
        for (String question : List.of("手机丢了咋个挂失号码", "钱包丢了怎么办", "店里的钥匙找不到了")) {
            ChatReply reply = shipped.get().chat().ask(question, null);
            assertFalse(reply.matched() && reply.sources().get(0).id().equals(LICENCE), question + " -> " + reply.answer());
        }
    }

    /** A lost ID card is not business guidance: it gets the referral to the police, never the licence answer. */
    @Test
    void aLostIdCardGetsItsReferral() {
        ChatReply reply = shipped.get().chat().ask("身份证丢了怎么补办", null);
        assertFalse(reply.matched());
        assertEquals(ID_CARD, reply.sources().get(0).id(), reply.answer());
    }

    @Test
    void aLostBusinessLicenceIsAnsweredHoweverItIsNamed() {
        Answers.assertAnsweredWith(shipped.get(), LICENCE, List.of("营业执照丢了怎么补办", "公司营业执照正本遗失了",
                "我的执照找不到了要去哪里补", "丢了营业执照怎么办", "遗失了营业执照要怎么补", "营业执照被我不小心弄丢了",
                "营业执照的正本和副本都丢了"));
    }

    /** A prepaid card or a punch card is no document: questions about them are answered as before. */
    @Test
    void cardsThatAreNoDocumentsAreAnsweredAsBefore() {
        Map<String, String> expected = Map.of(
                "健身房会员卡老板跑路找不到了怎么维权", "scjg-yufukuan-huiyuanka",
                "员工考勤打卡记录找不到了加班费怎么算", "rsj-jiaban-gongzi-biaozhun");
        Answers.assertAnsweredWith(shipped.get(), expected);
    }

    @Test
    void aLostIdCardNamedAfterTheLossStillGetsItsReferral() {
        ChatReply reply = shipped.get().chat().ask("丢了身份证去哪里补", null);
        assertEquals(ID_CARD, reply.sources().get(0).id(), reply.answer());
    }
}
