package gov.dadukou.guidance.check;

import gov.dadukou.guidance.knowledge.CheckRule;
import gov.dadukou.guidance.knowledge.CheckWording;
import gov.dadukou.guidance.knowledge.Condition;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.knowledge.LegalBasis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wording rules over ALL shipped conditions and every outcome text the check can compose: nothing
 * promises that a business will not be punished, and every outcome cites an article.
 */
class CheckWordingTest {
    /**
     * The articles a check may cite: each was read in the official text (LawRefBook mirror: 行政处罚法
     * 2021-01-22, 明码标价和禁止价格欺诈规定 2022-04-14). A new one is verified, then added here.
     */
    static final Set<String> VERIFIED = Set.of("《行政处罚法》第三十三条", "《行政处罚法》第三十六条",
            "《明码标价和禁止价格欺诈规定》第二十六条");
    static final Pattern CITATION = Pattern.compile("《[^》]+》第[零〇一二三四五六七八九十百千]+条");

    static KnowledgeBase kb;
    static List<Entry> checks;

    @BeforeAll
    static void load() {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        checks = kb.entries().stream().filter(Entry::hasCheck).toList();
    }

    @Test
    void theGeneralPenaltyEntriesAndTheVerifiedListItemsCarryConditions() {
        Set<String> ids = Set.copyOf(checks.stream().map(Entry::id).toList());
        assertTrue(ids.containsAll(Set.of("xzcf-33-qingwei-gaizheng-bufa", "xzcf-33-shouci-weifa-kebufa", "xzcf-33-wu-zhuguan-guocuo",
                "xzcf-36-zhuize-qixian", "xzzd-fangshi-quandao-jingshi", "scjg-mingma-biaojia-mianfa")), ids.toString());
    }

    @Test
    void noShippedConditionOrRuleTextPromisesNoPenalty() {
        for (Entry e : checks) {
            for (Condition c : e.conditions()) {
                assertFalse(CheckWording.promise(c.question()).isPresent(), e.id() + "/" + c.id());
                assertFalse(CheckWording.promise(c.ifNo()).isPresent(), e.id() + "/" + c.id());
            }
            for (CheckRule r : e.outcomes()) {
                assertFalse(CheckWording.promise(r.explanation()).isPresent(), e.id() + " " + r.explanation());
            }
        }
        CheckTexts.all().forEach(t -> assertFalse(CheckWording.promise(t).isPresent(), t));
    }

    @Test
    void everyOutcomeOfEveryShippedCheckCitesAnArticleAndPromisesNothing() {
        int outcomes = 0;
        for (Entry e : checks) {
            for (Map<String, Boolean> answers : allAnswers(e)) {
                CheckResult r = CheckService.outcome(e, answers);
                String all = r.explanation() + String.join("", r.nextSteps());
                assertTrue(CITATION.matcher(r.legalBasis()).find(), e.id() + " " + answers + " → " + r.legalBasis());
                assertFalse(CheckWording.promise(all).isPresent(), e.id() + " " + answers + " → " + all);
                assertFalse(all.contains("不会被罚款"), all);
                assertTrue(all.contains("执法部门") || all.contains("市场监管部门"), "the department decides: " + all);
                assertTrue(String.join("", r.nextSteps()).contains("陈述和申辩"), r.nextSteps().toString());
                if (r.outcome().equals("uncertain")) {
                    assertTrue(r.explanation().contains("12345"), r.explanation());
                }
                outcomes++;
            }
        }
        assertTrue(outcomes > 700, "every combination of 是/否/不确定 was tried: " + outcomes);
    }

    @Test
    void everyConditionAndRuleCitesAnArticleThatWasVerifiedInTheOfficialText() {
        List<LegalBasis> sources = new ArrayList<>();
        for (Entry e : checks) {
            e.conditions().forEach(c -> sources.add(c.source()));
            e.outcomes().forEach(r -> sources.add(r.source()));
        }
        for (LegalBasis b : sources) {
            var m = CITATION.matcher(b.citation());
            assertTrue(m.find(), b.citation());
            assertTrue(VERIFIED.contains(m.group()), "not verified against the official text: " + b.citation());
        }
    }

    @Test
    void aConditionAskedInSeveralEntriesIsAskedTheSameWay() {
        Map<String, String> seen = new HashMap<>();
        for (Entry e : checks) {
            for (Condition c : e.conditions()) {
                String before = seen.putIfAbsent(c.id(), c.question());
                if (before != null) {
                    assertEquals(before, c.question(), e.id() + "/" + c.id());
                }
            }
        }
    }

    /** Every map of 是/否/不确定 over the entry's conditions (3^n; n is at most 6 in the shipped base). */
    private static List<Map<String, Boolean>> allAnswers(Entry e) {
        List<Map<String, Boolean>> out = new ArrayList<>();
        out.add(new HashMap<>());
        for (Condition c : e.conditions()) {
            List<Map<String, Boolean>> next = new ArrayList<>();
            for (Map<String, Boolean> m : out) {
                for (Boolean v : new Boolean[] {true, false, null}) {
                    Map<String, Boolean> copy = new HashMap<>(m);
                    copy.put(c.id(), v);
                    next.add(copy);
                }
            }
            out = next;
        }
        return out;
    }
}
