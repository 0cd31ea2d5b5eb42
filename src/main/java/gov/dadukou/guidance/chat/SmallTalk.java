package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.search.TextNormalizer;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Talk about the conversation itself rather than about the law: greetings and thanks, who the assistant is and
 * what it answers, whether its replies bind anyone, asking for a person, saying a reply was wrong. These get fixed,
 * reviewed sentences instead of a search: searched, "转人工" offered the wage entries ("工资…") and "你是谁开发的" was
 * answered with the beauty-salon licences (开发 ~ 开 + 美发).
 *
 * <p>Every pattern is anchored to the whole (short) message, so a question that merely starts with a greeting
 * ("你好，营业执照要挂出来吗") or mentions 人工/客服 in a story ("客服说不能退货怎么办") is searched as usual.
 * Stateless and thread-safe.
 */
final class SmallTalk {
    /** What the message is about, and whether the reply is an answer to nothing (outcome "greeting") or a shortfall. */
    enum Topic {
        GREETING(false), THANKS(false), ABOUT(false), BINDING(false), PERSON(true), WRONG(true);

        /** A shortfall ("none": logged for staff, the widget offers 留言给部门) rather than small talk ("greeting"). */
        final boolean shortfall;

        Topic(boolean shortfall) {
            this.shortfall = shortfall;
        }
    }

    record Reply(Topic topic, String text) {
        String outcome() {
            return topic.shortfall ? AnswerPolicy.Outcome.NONE.json() : "greeting";
        }
    }

    /** Politeness around the message that changes nothing: 请问, 一下, trailing particles and punctuation. */
    private static final Pattern POLITE_EDGES =
            Pattern.compile("^(请问|想问一下|问一下|问下|那个)+|(啊|呀|呢|吧|哈|哦|噢|嘛|啦|的呀)*[\\s,，。.!！?？~～…]*$");
    private static final String YOU = "(你|您|你们|这个助手|助手|小助手|机器人)";

    private record Rule(Topic topic, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Topic.GREETING, Pattern.compile(
                    "(你好|您好|hello|hi|嗨|哈喽|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早)([,，\\s]*(你好|您好|在吗|请问在吗|有人吗))?")),
            new Rule(Topic.THANKS, Pattern.compile(
                    "(好的|好|嗯|嗯嗯|ok|okay|行|收到|了解)?[,，\\s]*(谢谢|谢谢你|谢谢您|谢了|多谢|感谢|感谢你|感谢您|辛苦了|再见|拜拜|明白了|知道了|懂了|收到|了解了|好的|ok|okay)")),
            new Rule(Topic.ABOUT, Pattern.compile(YOU + "(是|是不是)(谁|哪个|哪位|什么|啥|机器人|人工智能|ai|真人|人|真的人)(开发|做|搞|建|设计)?的?(吗)?"
                    + "|" + YOU + "(是|到底是)(机器人|人工智能|ai|真人|人)还是(真人|人|人工|机器人|人工智能|ai)"
                    + "|" + YOU + "(叫|叫做)(什么|啥)(名字)?"
                    + "|" + YOU + "(能|可以|会)(做|干|帮我|帮我做|帮我干|回答|解答|答|问|咨询)?(什么|啥|哪些)(问题|事|事情|事项)?"
                    + "|(这个)?(助手|机器人|小助手)(怎么|如何)(用|使用)|(怎么|如何)(用|使用)(这个)?(助手|机器人|小助手)"
                    + "|(你|您)能(回答|解答)(什么|哪些|哪方面的)问题")),
            new Rule(Topic.BINDING, Pattern.compile(YOU + "?的?(回答|答复|答案|说的|解答|说法)(有|具有|有没有|算不算|算)?(法律效力|效力|法律依据|依据|权威|准|准确|准不准|靠谱|可靠|可信)(吗)?"
                    + "|" + YOU + "(说的|的回答|回答的)?(准确|准|靠谱|可靠|可信|权威)(吗|不)?")),
            new Rule(Topic.PERSON, Pattern.compile("(我要|我想|帮我|请|麻烦)?(转|找|转接|接|要|联系)?(人工|真人|客服|人工客服|人工服务|真人客服|工作人员)(客服|服务|坐席)?(电话|热线)?(是多少|多少|是什么)?"
                    + "|(能|可以)(转|找|转接)(人工|真人|客服|工作人员)(吗)?")),
            new Rule(Topic.WRONG, Pattern.compile(YOU + "?(说|答|回答|讲)?的?(不对|错了|不准|不准确|不是我要的|答非所问|没用|没有用|看不懂)"
                    + "|(没用|没有用|答非所问|不对|错了|胡说|乱说|看不懂)")));

    private SmallTalk() {
    }

    /** The fixed reply when {@code question} (as the person typed it) is talk about the conversation itself. */
    static Optional<Reply> reply(String question) {
        String q = TextNormalizer.normalize(question);
        if (q.codePointCount(0, q.length()) > 24) {
            return Optional.empty();
        }
        String core = POLITE_EDGES.matcher(q).replaceAll("").strip();
        if (core.isEmpty()) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(core).matches()) {
                return Optional.of(new Reply(rule.topic(), text(rule.topic())));
            }
        }
        return Optional.empty();
    }

    private static String text(Topic topic) {
        String hotline = AnswerComposer.HOTLINE;
        return switch (topic) {
            case GREETING -> AnswerComposer.greeting();
            case THANKS -> "不客气！还有其他经营方面的问题，可以继续问我。如需人工服务，请拨打" + hotline + "。";
            case ABOUT -> AnswerComposer.INTRODUCTION + "我的每一条回答都来自工作人员审核发布的行政指导事项，并注明法律依据；"
                    + "拿不准时我会直接说不确定，不会替您猜。" + AnswerComposer.ASK_AWAY;
            case BINDING -> "我的回答来自工作人员审核发布的行政指导事项，属于行政指导：是提示和建议，不具有强制力，您可以自愿采纳，"
                    + "不采纳也不会因此受到不利对待。它不是行政决定，也不能代替法律法规原文、有关部门对具体案件的决定或律师的意见；"
                    + "具体情况请以法律法规原文和有关部门的决定为准。拿不准的，请拨打" + hotline + "咨询。";
            case PERSON -> "本助手没有在线人工客服。需要人工服务，请拨打" + hotline + "；也可以点下方的“留言给部门”，"
                    + "写下您的问题，由有关部门答复。";
            case WRONG -> "抱歉，这次没能帮上忙。您可以换个说法，把具体情况（做什么生意、遇到了什么事、想知道什么）说得更详细些再问我；"
                    + "也可以点下方的“留言给部门”，或拨打" + hotline + "。";
        };
    }
}
