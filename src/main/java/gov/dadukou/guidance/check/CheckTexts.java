package gov.dadukou.guidance.check;

import java.util.List;

/**
 * The fixed sentences of the no-penalty check that are the same for every entry, reviewed like entries
 * (the wording test reads them all). Articles quoted here were read in the official text of the
 * 《行政处罚法》 (2021 revision): 第四十五条 (陈述、申辩), 第六十三条 and 第六十四条 (听证, within five days of being told).
 */
final class CheckTexts {
    /** Closes every explanation: guidance, not a decision. */
    static final String DEPARTMENT_DECIDES = "是否处罚，由执法部门根据事实依法决定；以上是按您的回答对法律规定的说明，属于行政指导，不具有强制力。";

    static final String CORRECT_NOW = "立即改正，并保留改正的证据（整改前后的照片、票据、记录等）。";
    static final String STATE_YOUR_CASE = "执法部门告知拟作出行政处罚时，您有权陈述和申辩，把情况讲清楚并提交证据；"
            + "行政机关不得因陈述、申辩而给予更重的处罚（《行政处罚法》第四十五条）。";
    static final String HEARING = "拟作出较大数额罚款、吊销许可证件、责令停产停业等决定的，可以在被告知后五日内要求听证"
            + "（《行政处罚法》第六十三条、第六十四条）。";
    static final String ASK = "拿不准的，请带上相关材料向执法部门咨询，或拨打12345政务服务便民热线。";

    static final String NOT_APPLICABLE_INTRO = "按您的回答，这里说的不予处罚或者可以不予处罚的情形可能不适用：";
    static final String NOT_APPLICABLE_END = "执法部门会依法处理，是否从轻、减轻，也要看具体情况。";
    static final String UNCERTAIN_INTRO = "下面这些情况会影响结论，您回答了“不确定”：";
    static final String UNCERTAIN_END = "弄清这些情况之前，还说不好法律对您的情况怎么规定。建议向执法部门咨询，或拨打12345政务服务便民热线。";

    static final List<String> STEPS = List.of(CORRECT_NOW, STATE_YOUR_CASE, HEARING);
    static final List<String> UNCERTAIN_STEPS = List.of(ASK, CORRECT_NOW, STATE_YOUR_CASE, HEARING);
    static final List<String> NOT_APPLICABLE_STEPS = List.of(CORRECT_NOW, STATE_YOUR_CASE, HEARING, ASK);

    /** Every fixed text, for the wording test. */
    static List<String> all() {
        return List.of(DEPARTMENT_DECIDES, CORRECT_NOW, STATE_YOUR_CASE, HEARING, ASK, NOT_APPLICABLE_INTRO,
                NOT_APPLICABLE_END, UNCERTAIN_INTRO, UNCERTAIN_END);
    }

    private CheckTexts() {
    }
}
