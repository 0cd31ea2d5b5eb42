package gov.dadukou.guidance.check;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every outcome of 《行政处罚法》第三十三条 (and 第三十六条) as the shipped entries state them. */
class NoPenaltyCheckTest {
    static KnowledgeBase kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
    }

    private static Entry entry(String id) {
        return kb.entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    /** Answers as pairs: id, Boolean (null for 不确定). */
    private static Map<String, Boolean> answers(Object... pairs) {
        Map<String, Boolean> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Boolean) pairs[i + 1]);
        }
        return m;
    }

    private static CheckResult check(String entryId, Map<String, Boolean> answers) {
        return CheckService.outcome(entry(entryId), answers);
    }

    @Test
    void minorCorrectedAndHarmlessIsTheStatutoryNoPenaltyCaseOfArticle33Paragraph1() {
        CheckResult r = check("xzcf-33-qingwei-gaizheng-bufa",
                answers("qingwei", true, "jishi-gaizheng", true, "wu-weihai-houguo", true, "chuci", false, "houguo-qingwei", true));
        assertEquals("no_penalty", r.outcome());
        assertEquals("《行政处罚法》第三十三条第一款", r.legalBasis());
        assertTrue(r.explanation().contains("违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚"), r.explanation());
        assertTrue(r.explanation().contains("由执法部门根据事实依法决定"), r.explanation());
        assertTrue(String.join("", r.nextSteps()).contains("第四十五条"), "the right to state one's case is cited");
    }

    @Test
    void aFirstMinorCorrectedViolationWithHarmMayBeSparedAndTheAuthorityDecides() {
        CheckResult r = check("xzcf-33-shouci-weifa-kebufa",
                answers("qingwei", true, "jishi-gaizheng", true, "wu-weihai-houguo", false, "chuci", true, "houguo-qingwei", true));
        assertEquals("may_be_spared", r.outcome());
        assertEquals("《行政处罚法》第三十三条第一款", r.legalBasis());
        assertTrue(r.explanation().contains("可以不予行政处罚"), r.explanation());
        assertTrue(r.explanation().contains("由执法部门根据具体情况决定是否处罚"), r.explanation());
    }

    @Test
    void notCorrectedInTimeIsNotApplicableAndSaysWhatTheNoMeans() {
        CheckResult r = check("xzcf-33-qingwei-gaizheng-bufa",
                answers("qingwei", true, "jishi-gaizheng", false, "wu-weihai-houguo", true, "chuci", true, "houguo-qingwei", true));
        assertEquals("not_applicable", r.outcome());
        assertTrue(r.explanation().contains("没有及时改正的，不适用"), r.explanation());
        assertEquals("《行政处罚法》第三十三条第一款", r.legalBasis());
        assertTrue(r.nextSteps().get(0).contains("立即改正"), r.nextSteps().toString());
    }

    @Test
    void notMinorAndNotAFirstViolationIsNotApplicable() {
        CheckResult r = check("xzzd-fangshi-quandao-jingshi",
                answers("qingwei", false, "jishi-gaizheng", true, "wu-weihai-houguo", true, "chuci", false, "houguo-qingwei", true));
        assertEquals("not_applicable", r.outcome());
        assertTrue(r.explanation().contains("情节不属于轻微的") && r.explanation().contains("不是初次违法的"), r.explanation());
    }

    @Test
    void notSureWhetherItWasMinorIsUncertainAndAdvisesAskingTheDepartmentOr12345() {
        CheckResult r = check("xzcf-33-qingwei-gaizheng-bufa",
                answers("qingwei", null, "jishi-gaizheng", true, "wu-weihai-houguo", true, "chuci", false, "houguo-qingwei", true));
        assertEquals("uncertain", r.outcome());
        assertTrue(r.explanation().contains("这个违法行为是否情节轻微？"), "names the question that matters: " + r.explanation());
        assertTrue(r.explanation().contains("执法部门咨询") && r.explanation().contains("12345"), r.explanation());
        assertTrue(r.nextSteps().get(0).contains("12345"), r.nextSteps().toString());
        assertEquals("《行政处罚法》第三十三条第一款", r.legalBasis());
    }

    @Test
    void questionsLeftOutCountAsNotSure() {
        assertEquals("uncertain", check("xzcf-33-qingwei-gaizheng-bufa", Map.of()).outcome());
    }

    @Test
    void anUnsureAnswerThatCannotChangeTheOutcomeDoesNotMakeItUncertain() {
        CheckResult r = check("xzcf-33-qingwei-gaizheng-bufa",
                answers("qingwei", true, "jishi-gaizheng", true, "wu-weihai-houguo", true, "chuci", null, "houguo-qingwei", null));
        assertEquals("no_penalty", r.outcome());
        CheckResult spared = check("xzcf-33-qingwei-gaizheng-bufa",
                answers("qingwei", null, "jishi-gaizheng", true, "wu-weihai-houguo", false, "chuci", true, "houguo-qingwei", true));
        assertEquals("may_be_spared", spared.outcome(), "the law already speaks: the authority decides");
    }

    @Test
    void evidenceOfNoFaultIsTheNoPenaltyCaseOfArticle33Paragraph2() {
        CheckResult yes = check("xzcf-33-wu-zhuguan-guocuo", answers("wu-guocuo-zhengju", true));
        assertEquals("no_penalty", yes.outcome());
        assertEquals("《行政处罚法》第三十三条第二款", yes.legalBasis());
        assertTrue(yes.explanation().contains("法律、行政法规另有规定的，从其规定"), yes.explanation());
        CheckResult no = check("xzcf-33-wu-zhuguan-guocuo", answers("wu-guocuo-zhengju", false));
        assertEquals("not_applicable", no.outcome());
        assertTrue(no.explanation().contains("“不知道有这个规定”一般不能算没有主观过错"), no.explanation());
        CheckResult unsure = check("xzcf-33-wu-zhuguan-guocuo", answers("wu-guocuo-zhengju", null));
        assertEquals("uncertain", unsure.outcome());
        assertEquals("《行政处罚法》第三十三条第二款", unsure.legalBasis());
    }

    @Test
    void twoYearsUndiscoveredIsTheNoPenaltyCaseOfArticle36AndAContinuingViolationIsNot() {
        CheckResult r = check("xzcf-36-zhuize-qixian",
                answers("yi-tingzhi", true, "chaoguo-ernian", true, "fei-shengming-jinrong", true));
        assertEquals("no_penalty", r.outcome());
        assertEquals("《行政处罚法》第三十六条第一款", r.legalBasis());
        CheckResult going = check("xzcf-36-zhuize-qixian",
                answers("yi-tingzhi", false, "chaoguo-ernian", true, "fei-shengming-jinrong", true));
        assertEquals("not_applicable", going.outcome());
        assertTrue(going.explanation().contains("从行为终了之日起计算"), going.explanation());
        assertEquals("《行政处罚法》第三十六条第二款", going.legalBasis());
        CheckResult health = check("xzcf-36-zhuize-qixian",
                answers("yi-tingzhi", true, "chaoguo-ernian", true, "fei-shengming-jinrong", false));
        assertTrue(health.explanation().contains("五年"), health.explanation());
    }

    @Test
    void aPriceTagSlipWithoutLossIsTheNoPenaltyCaseOfThePriceRules() {
        CheckResult r = check("scjg-mingma-biaojia-mianfa", answers("wei-sunhai", true, "qingwei", true, "jishi-gaizheng", true,
                "wu-weihai-houguo", true));
        assertEquals("no_penalty", r.outcome());
        assertEquals("《明码标价和禁止价格欺诈规定》第二十六条第二款", r.legalBasis());
        CheckResult lost = check("scjg-mingma-biaojia-mianfa", answers("wei-sunhai", false, "qingwei", true, "jishi-gaizheng", true,
                "wu-weihai-houguo", true, "chuci", false, "houguo-qingwei", true));
        assertEquals("not_applicable", lost.outcome());
        assertTrue(lost.explanation().contains("从轻或者减轻处罚（第二十六条第一款）"), lost.explanation());
    }
}
