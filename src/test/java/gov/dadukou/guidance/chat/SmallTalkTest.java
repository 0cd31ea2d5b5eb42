package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ShippedAssistant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Talk about the conversation itself gets a fixed reply, never a search ("你是谁开发的" was answered with the
 * beauty-salon licences, "转人工" was offered the wage entries); anything longer or about the law is searched.
 */
class SmallTalkTest {
    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    private static final Map<String, SmallTalk.Topic> TALK = Map.ofEntries(
            Map.entry("你好", SmallTalk.Topic.GREETING), Map.entry("您好！", SmallTalk.Topic.GREETING),
            Map.entry("你好，请问在吗", SmallTalk.Topic.GREETING), Map.entry("有人吗？", SmallTalk.Topic.GREETING),
            Map.entry("Hello", SmallTalk.Topic.GREETING),
            Map.entry("谢谢", SmallTalk.Topic.THANKS), Map.entry("好的谢谢", SmallTalk.Topic.THANKS),
            Map.entry("明白了", SmallTalk.Topic.THANKS), Map.entry("好的，感谢！", SmallTalk.Topic.THANKS),
            Map.entry("你是谁", SmallTalk.Topic.ABOUT), Map.entry("你是谁开发的", SmallTalk.Topic.ABOUT),
            Map.entry("你是机器人吗？", SmallTalk.Topic.ABOUT), Map.entry("请问你是真人吗", SmallTalk.Topic.ABOUT),
            Map.entry("你是机器人还是真人", SmallTalk.Topic.ABOUT),
            Map.entry("你叫什么名字", SmallTalk.Topic.ABOUT), Map.entry("你能做什么", SmallTalk.Topic.ABOUT),
            Map.entry("你能回答哪些问题", SmallTalk.Topic.ABOUT), Map.entry("这个助手怎么用", SmallTalk.Topic.ABOUT),
            Map.entry("你们的回答有法律效力吗", SmallTalk.Topic.BINDING), Map.entry("你说的准确吗", SmallTalk.Topic.BINDING),
            Map.entry("回答靠谱吗", SmallTalk.Topic.BINDING),
            Map.entry("转人工", SmallTalk.Topic.PERSON), Map.entry("我要找人工客服", SmallTalk.Topic.PERSON),
            Map.entry("客服电话是多少", SmallTalk.Topic.PERSON), Map.entry("能转人工吗", SmallTalk.Topic.PERSON),
            Map.entry("你说的不对", SmallTalk.Topic.WRONG), Map.entry("答非所问", SmallTalk.Topic.WRONG),
            Map.entry("没用", SmallTalk.Topic.WRONG));

    /** Questions that start like small talk or name 人工/客服/你们 but ask about the law: searched as usual. */
    private static final List<String> SEARCHED = List.of(
            "你好，营业执照要挂出来吗", "谢谢，那年报什么时候报", "客服说不能退货怎么办", "人工费可以开发票吗",
            "你们公司不给我交社保怎么办", "怎么用电子营业执照", "工作人员上门检查要出示证件吗", "我错了会罚款吗",
            "开发商延期交房怎么办", "网店的客服要签劳动合同吗");

    @Test
    void talkAboutTheConversationIsRecognisedWithItsTopic() {
        TALK.forEach((message, topic) -> assertEquals(topic,
                SmallTalk.reply(message).map(SmallTalk.Reply::topic).orElse(null), message));
    }

    @Test
    void aQuestionThatOnlyStartsLikeSmallTalkIsSearched() {
        SEARCHED.forEach(q -> assertTrue(SmallTalk.reply(q).isEmpty(), q + " -> " + SmallTalk.reply(q)));
    }

    @Test
    void theChatRepliesWithTheFixedTextNeverWithAnEntry() {
        TALK.forEach((message, topic) -> {
            ChatReply reply = shipped.get().chat().ask(message, null);
            assertFalse(reply.matched(), message);
            assertTrue(reply.sources().isEmpty() && reply.suggestions().isEmpty(), message + " -> " + reply.sources());
            assertEquals(topic.shortfall ? "none" : "greeting", reply.outcome(), message);
            assertTrue(reply.answer().contains("12345"), message + " -> " + reply.answer());
        });
        assertTrue(shipped.get().chat().ask("你们的回答有法律效力吗", null).answer().contains("不具有强制力"));
        assertTrue(shipped.get().chat().ask("转人工", null).answer().contains("留言给部门"));
    }

    @Test
    void aQuestionThatStartsWithAGreetingIsStillAnswered() {
        ChatReply reply = shipped.get().chat().ask("你好，营业执照要挂出来吗", null);
        assertTrue(reply.matched(), reply.answer());
        assertEquals("answer", reply.outcome());
    }
}
