package gov.dadukou.guidance.check;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.knowledge.CheckRule;
import gov.dadukou.guidance.knowledge.Condition;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.knowledge.LegalBasis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The no-penalty check ("我这种情况能不罚吗"): turns a business's yes / no / 不确定 answers to an entry's
 * conditions into what the law says for such a situation. Composes only fixed, approved texts: the
 * entry's rule explanations and condition notes, and {@link CheckTexts}.
 *
 * <p>A rule is <em>met</em> when every condition it requires is "yes", <em>failed</em> when one is "no",
 * and <em>open</em> otherwise (a "不确定" or a question left out). The outcome is the strongest met rule
 * ({@code no_penalty} before {@code may_be_spared}); with none met, {@code uncertain} while a rule is open,
 * else {@code not_applicable}. A met "可以不予处罚" rule wins over an open "不予处罚" one: the authority
 * decides either way, and the business is not sent away with "不确定" when the law already speaks.
 *
 * <p>Thread-safe (reads the live entries; the log is thread-safe).
 */
public final class CheckService {
    private final EntryStore entries;
    private final CheckLog log;

    public CheckService(EntryStore entries, CheckLog log) {
        this.entries = entries;
        this.log = log;
    }

    /**
     * @param entryId the entry whose conditions were answered
     * @param answers condition id → {@code true} (是), {@code false} (否) or {@code null} (不确定); a
     *                condition left out counts as 不确定
     * @throws ClientException 404 {@code entry_not_found}, 400 {@code entry_has_no_check} or
     *                         {@code unknown_condition}
     */
    public CheckResult evaluate(String entryId, Map<String, Boolean> answers) {
        Entry entry = entries.get(entryId).orElseThrow(() -> new ClientException(404, "entry_not_found",
                "没有找到这个条目，它可能已经下线。请重新提问。"));
        if (!entry.hasCheck()) {
            throw ClientException.badRequest("entry_has_no_check", "这个条目没有可以自查的条件。");
        }
        for (String id : answers.keySet()) {
            if (entry.condition(id).isEmpty()) {
                throw ClientException.badRequest("unknown_condition", "这个条目没有编号为“" + id + "”的条件，请重新开始自查。");
            }
        }
        CheckResult result = outcome(entry, answers);
        log.finished(entry.id(), result.outcome());
        return result;
    }

    static CheckResult outcome(Entry entry, Map<String, Boolean> answers) {
        List<CheckRule> met = new ArrayList<>();
        List<CheckRule> open = new ArrayList<>();
        for (CheckRule rule : entry.outcomes()) {
            List<Boolean> given = rule.requires().stream().map(answers::get).toList();
            if (given.contains(Boolean.FALSE)) {
                continue;
            }
            (given.contains(null) ? open : met).add(rule);
        }
        if (!met.isEmpty()) {
            CheckRule best = met.stream().filter(r -> r.outcome() == CheckRule.Outcome.NO_PENALTY).findFirst().orElse(met.get(0));
            return new CheckResult(best.outcome().json(), best.explanation() + CheckTexts.DEPARTMENT_DECIDES,
                    best.source().citation(), CheckTexts.STEPS);
        }
        if (!open.isEmpty()) {
            StringBuilder text = new StringBuilder(CheckTexts.UNCERTAIN_INTRO);
            Set<String> unknown = new LinkedHashSet<>();
            open.forEach(r -> r.requires().stream().filter(id -> answers.get(id) == null).forEach(unknown::add));
            for (Condition c : entry.conditions()) {
                if (unknown.contains(c.id())) {
                    text.append(c.question());
                }
            }
            text.append(CheckTexts.UNCERTAIN_END);
            return new CheckResult("uncertain", text.toString(), citations(open.stream().map(CheckRule::source).toList()),
                    CheckTexts.UNCERTAIN_STEPS);
        }
        StringBuilder text = new StringBuilder(CheckTexts.NOT_APPLICABLE_INTRO);
        List<LegalBasis> sources = new ArrayList<>();
        for (Condition c : entry.conditions()) {
            if (Boolean.FALSE.equals(answers.get(c.id()))) {
                text.append(c.ifNo());
                sources.add(c.source());
            }
        }
        text.append(CheckTexts.NOT_APPLICABLE_END).append(CheckTexts.DEPARTMENT_DECIDES);
        return new CheckResult("not_applicable", text.toString(), citations(sources), CheckTexts.NOT_APPLICABLE_STEPS);
    }

    /** Distinct citations in order, joined as in an entry's legal basis. */
    private static String citations(List<LegalBasis> sources) {
        return String.join("；", new LinkedHashSet<>(sources.stream().map(LegalBasis::citation).toList()));
    }
}
