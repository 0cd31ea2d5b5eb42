package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.knowledge.Entry;

import java.util.List;

/**
 * Turns approved entries into the text the business reads. Only fixed, reviewed sentences are added
 * around an entry's own answer; nothing is generated. Stateless, thread-safe.
 */
public final class AnswerComposer {
    static final String HOTLINE = "12345政务服务便民热线";
    static final String NOT_BINDING = "温馨提示：以上为行政指导，不具有强制力，是否采纳由您自愿决定，不采纳不会因此受到不利对待；法律法规本身的规定仍应遵守。";

    private AnswerComposer() {
    }

    public static String answer(Entry entry, String departmentContact) {
        StringBuilder sb = new StringBuilder(entry.answer().strip());
        basis(sb, entry);
        sb.append("\n实施单位：").append(entry.department());
        if (departmentContact != null && !departmentContact.isBlank()) {
            sb.append("（咨询渠道：").append(departmentContact).append('）');
        }
        sb.append('。');
        if (entry.method() != null) {
            sb.append("\n").append(NOT_BINDING);
        }
        return sb.toString();
    }

    /**
     * A referral (the question is outside what the assistant answers): the entry's own text with its basis, then
     * the guidance entries that might still be meant. Not guidance, so without the "not binding" note.
     */
    static String referral(Entry entry, List<String> others) {
        StringBuilder sb = new StringBuilder("这个问题不在本助手解答的企业经营合规事项之内。").append(entry.answer().strip());
        basis(sb, entry);
        if (!others.isEmpty()) {
            sb.append("\n如果您问的是经营中的合规问题，可能是以下几项：");
            numbered(sb, others);
        }
        return sb.toString();
    }

    static String inSeason(String today, List<Entry> reminders) {
        StringBuilder sb = new StringBuilder("近期（").append(today).append("）的执法事项提示：");
        for (int i = 0; i < reminders.size(); i++) {
            Entry e = reminders.get(i);
            sb.append("\n").append(i + 1).append(". ").append(e.title()).append("（").append(e.department()).append("）");
        }
        sb.append("\n点击下方的问题可以查看详细内容和法律依据。\n").append(NOT_BINDING);
        return sb.toString();
    }

    /**
     * @param story whether the question told a story around its ask: it may then touch several entries,
     *              and the reply says so rather than guessing one
     */
    static String clarify(List<String> candidates, boolean story) {
        StringBuilder sb = new StringBuilder(story
                ? "您的问题可能涉及以下几项，我不能确定是哪一项，请点选最接近的一项查看依据："
                : "我不太确定您想问的是哪一项。您是不是想问：");
        numbered(sb, candidates);
        sb.append("\n如果都不是，请换个说法再问，或拨打").append(HOTLINE).append("咨询。");
        return sb.toString();
    }

    /**
     * "Not sure", then what to try next, in the order most people succeed: rephrase, start from a common
     * topic (the greeting's own list), or call. Never a refusal: the question may well be in scope.
     */
    static String none() {
        return "抱歉，这个问题我没有把握回答。您可以试试：\n"
                + "1. 换个说法、说得具体一些再问（比如是哪类经营活动、想了解哪项规定）；\n"
                + "2. 从常见主题问起，例如营业执照、年报、明码标价、食品经营许可、劳动合同、消防安全；\n"
                + "3. 拨打" + HOTLINE + "咨询，工作人员会为您解答或转交相关部门。"
                + "劳动用工和社会保险问题也可拨打12333，消费投诉可拨打12315。";
    }

    /** "Not sure", then the nearest entries as reading that may or may not fit the person's case. */
    static String noneWithNearby(List<String> nearby) {
        StringBuilder sb = new StringBuilder(none()).append("\n知识库中与您的问题相近的内容如下，不一定符合您的情况，可点选查看：");
        numbered(sb, nearby);
        return sb.toString();
    }

    /** Where a market price is going: not a rule, so not answered, and no entry is offered in its place. */
    static final String FORECAST = "本助手解答企业经营中的合规问题，依据的是法律法规和政策规定，不预测房价、股价等市场行情，也不提供投资建议。"
            + "如有经营中的合规问题，欢迎换个问法再问；其他事项可以拨打" + HOTLINE + "咨询。";

    /**
     * A question about another place's rules ("上海的垃圾分类怎么分"): the base states national law and Chongqing's, so
     * the reply says where that place's own rules are asked, and lists the nearest entries as reading only.
     */
    static String elsewhere(String place, List<String> nearby) {
        StringBuilder sb = new StringBuilder("您问的是").append(place).append("的规定或做法。本助手解答的是国家法律法规和重庆市、大渡口区的规定；")
                .append(place).append("当地的具体规定、标准和办理方式可能不同，请向当地有关部门咨询，或拨打当地的12345政务服务便民热线。");
        if (!nearby.isEmpty()) {
            sb.append("\n知识库中的相近内容讲的是国家或重庆的规定，仅供参考，可点选查看：");
            numbered(sb, nearby);
        }
        return sb.toString();
    }

    private static void basis(StringBuilder sb, Entry entry) {
        sb.append("\n\n法律依据：").append(entry.legalBasisText()).append('。');
    }

    /** Each item on a line of its own, numbered from 1. */
    private static void numbered(StringBuilder sb, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            sb.append("\n").append(i + 1).append(". ").append(items.get(i));
        }
    }

    /** For a question not written in Chinese: the assistant only reads Chinese. */
    static String notChinese() {
        return "请用中文提问（Please ask in Chinese）。如需人工服务，请拨打" + HOTLINE + "。";
    }

    /** Who the assistant is and what it answers: the greeting's and the "你是谁" reply's first sentence. */
    static final String INTRODUCTION = "我是大渡口区行政指导智能助手，可以解答企业和个体工商户依法经营方面的问题，"
            + "例如营业执照、年报、明码标价、食品经营许可、劳动合同、消防安全等。";
    /** How a conversation goes on: ask, or call. */
    static final String ASK_AWAY = "请直接输入您的问题。如需人工服务，请拨打" + HOTLINE + "。";

    static String greeting() {
        return "您好！" + INTRODUCTION + ASK_AWAY;
    }
}
