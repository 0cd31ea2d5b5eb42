package gov.dadukou.guidance.check;

import java.util.List;

/**
 * The answer of {@code POST /api/check}: what the law says for a situation as the business described
 * it. Guidance, never a decision: every text is fixed and staff-approved, every outcome cites an article.
 *
 * @param outcome     {@code no_penalty}, {@code may_be_spared}, {@code not_applicable} or {@code uncertain}
 * @param explanation what the law provides for such a situation and that the enforcing department decides
 * @param legalBasis  the articles the outcome rests on, e.g. {@code 《行政处罚法》第三十三条第一款}
 * @param nextSteps   what to do now, one sentence each
 */
public record CheckResult(String outcome, String explanation, String legalBasis, List<String> nextSteps) {
    public CheckResult {
        nextSteps = List.copyOf(nextSteps);
    }
}
