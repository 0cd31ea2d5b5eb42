package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ShippedAssistant;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Questions outside what the assistant answers that share a word with an entry ("房东…押金" with the employer's
 * deposit rule) meet a referral ({@code 其他途径指引}): the reply says where the question goes, with its basis, and is
 * never {@code matched}; referrals are never offered as a question to pick.
 */
class ReferralTest {
    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    /** Paraphrases, not the referrals' own phrasings: a landlord, a traffic accident, a property fee, a traffic fine, the housing fund. */
    private static final Map<String, String> OUTSIDE = Map.of(
            "闯红灯扣几分", "ga-jiaotong-weifa-jifen",
            "送货的面包车违章停车被拍了，驾照要扣分吗", "ga-jiaotong-weifa-jifen",
            "单位三年没给我们交住房公积金，去哪里反映", "gjj-danwei-jiaocun-zhufang-gongjijin",
            "退租的时候房东说墙脏了要扣我一半押金，这合理吗", "sfj-minjian-jiufen-tiaojie",
            "早上倒车把别人的车蹭了，对方要我赔两千，该怎么处理", "ga-jiaotong-shigu-chuli",
            "小区物业服务很差，我们业主能不能集体不交物业费", "zjw-wuyefei-jiufen");

    @Test
    void aQuestionLikeAReferralGetsItsOtherChannelAndIsNeverMatched() {
        OUTSIDE.forEach((question, referral) -> {
            ChatReply reply = shipped.get().chat().ask(question, null);
            assertFalse(reply.matched(), question + " -> " + reply.answer());
            assertEquals("none", reply.outcome(), question);
            assertEquals(referral, reply.sources().get(0).id(), question + " -> " + reply.answer());
            assertTrue(reply.answer().startsWith("这个问题不在本助手解答的企业经营合规事项之内"), reply.answer());
            assertTrue(reply.answer().contains("法律依据："), reply.answer());
            assertFalse(reply.answer().contains(AnswerComposer.NOT_BINDING), "a referral is not guidance: " + reply.answer());
        });
    }

    /** "去法院告" also reads like suing over a fine (the administrative-litigation entry): a private loan is not that. */
    @Test
    void aPrivateLoanTakenToCourtGetsThePrivateDisputesReferralNotAdministrativeLitigation() {
        ChatReply reply = shipped.get().chat().ask("同事借了我五千块一直拖着不还，我能不能到法院起诉他", null);
        assertFalse(reply.matched(), reply.answer());
        assertEquals("sfj-minjian-jiufen-tiaojie", reply.sources().get(0).id(), reply.answer());
    }

    @Test
    void theEmployeesDepositIsStillAnsweredByTheEmployersRule() {
        ChatReply reply = shipped.get().chat().ask("入职时公司收了我300块工牌押金，离职了不退，这合法吗", null);
        assertTrue(reply.matched(), reply.answer());
        assertEquals("rsj-kouya-zhengjian-shouqu-yajin", reply.sources().get(0).id());
    }

    @Test
    void noReplyOffersAReferralAsAQuestionToPick() {
        Set<String> referralPhrasings = shipped.get().knowledgeBase().entries().stream()
                .filter(e -> e.kind() == Kind.REFERRAL).map(Entry::questions).flatMap(List::stream)
                .collect(Collectors.toSet());
        assertFalse(referralPhrasings.isEmpty(), "the shipped base has referrals");
        for (String question : List.of("押金", "交通事故", "物业费", "调解", "房东押金怎么算", "顾客的车停在店门口被刮了")) {
            ChatReply reply = shipped.get().chat().ask(question, null);
            for (String offered : reply.suggestions()) {
                assertFalse(referralPhrasings.contains(offered), question + " offered " + offered);
            }
        }
    }
}
