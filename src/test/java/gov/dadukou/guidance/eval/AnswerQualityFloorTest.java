package gov.dadukou.guidance.eval;

import gov.dadukou.guidance.ShippedAssistant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Answer quality may not fall below what was measured (docs/retrieval.md). Floors sit a little under
 * the measured figures so that noise-free regressions of a few questions fail the build.
 */
class AnswerQualityFloorTest {
    /**
     * Measured 2026-12-02 on the reporting half (relabelled): confident-wrong 0.078, rejected 0.933, answered or
     * offered 0.710 (five entries offered when not sure, the duplicate wage entries merged, five labour entries
     * added); see docs/retrieval.md.
     */
    private static final double REAL_CONFIDENT_WRONG = 0.10;
    private static final double REAL_REJECTED = 0.86;
    private static final double REAL_ANSWERED_OR_OFFERED = 0.68;

    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    @Test
    void ownQuestionSetStaysAboveTheMeasuredFloor() {
        EvalReport r = new Evaluator(shipped.get().chat(), shipped.get()::firstPhrasing).run(List.of(Path.of("eval/questions.jsonl")));
        assertTrue(r.inScope() >= 400 && r.outOfScope() >= 80, r.summary());
        // Measured 2026-12-02: 0.806 / 0.926 / 0.046 (lower than in November: the policy also fits real questions).
        assertTrue(r.inScopeAccuracy() >= 0.79, r.summary());
        assertTrue(r.outOfScopeRejection() >= 0.91, r.summary());
        assertTrue(r.confidentWrongRate() <= 0.06, r.summary());
    }

    /**
     * The published real questions (../shared/eval, beside the checkout): the reporting half was never
     * fitted on. Skipped where the shared folder is not there (a developer's own checkout elsewhere).
     */
    @Test
    void realQuestionsOfTheReportingHalfAreRarelyAnsweredWrongly() {
        Path realDev = Path.of("../shared/eval/real-dev.jsonl");
        assumeTrue(Files.isRegularFile(realDev), "no ../shared/eval here");
        EvalReport r = new Evaluator(shipped.get().chat(), shipped.get()::firstPhrasing)
                .runFiles(List.of(QuestionFile.parse(realDev + "#report").relabelledBy(Path.of("eval/real-dev-relabels.jsonl"))));
        assertTrue(r.inScope() + r.outOfScope() >= 70, r.summary());
        assertTrue(r.confidentWrongRate() <= REAL_CONFIDENT_WRONG, r.summary());
        assertTrue(r.outOfScopeRejection() >= REAL_REJECTED, r.summary());
        assertTrue(r.answeredOrOfferedRate() >= REAL_ANSWERED_OR_OFFERED, r.summary());
    }

    @Test
    void theSharedShortQuestionsStayAnsweredAndTheirOutOfScopeRefused() {
        Path dev = Path.of("../shared/eval/dev.jsonl");
        assumeTrue(Files.isRegularFile(dev), "no ../shared/eval here");
        EvalReport r = new Evaluator(shipped.get().chat(), shipped.get()::firstPhrasing).run(List.of(dev));
        assertTrue(r.inScopeAccuracy() >= 0.95, r.summary());
        assertTrue(r.outOfScopeRejection() >= 1.0, r.summary());
    }

    @Test
    void everyTopicTheKnowledgeBaseMustCoverIsAnsweredWithItsKeyFact() {
        EvalReport r = new Evaluator(shipped.get().chat(), shipped.get()::firstPhrasing).run(List.of(Path.of("eval/topics.jsonl")));
        assertTrue(r.inScopeAccuracy() >= 0.92, r.summary());
        // Measured 2026-12-02: 104/108 right, 4 in scope answered wrongly (3 before the real-question refit).
        assertTrue(r.confidentWrong() <= 4, r.summary());
    }
}
