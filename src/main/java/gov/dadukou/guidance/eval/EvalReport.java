package gov.dadukou.guidance.eval;

import java.util.List;

/**
 * The figures of one evaluation run.
 *
 * @param inScope         scored turns that expect an answer
 * @param inScopePassed   of those, answered (matched) with every expected pattern in the answer
 * @param confidentWrong  of those, answered (matched) but missing an expected pattern
 * @param outOfScope      turns that expect no answer
 * @param rejected        of those, not matched
 * @param labelled        in-scope turns that name the entry answering them ({@code entry} in the file)
 * @param answeredOrOffered of those, answered right, or offered: a did-you-mean reply whose suggestions
 *                        include the labelled entry's first phrasing
 * @param misses          every failed turn, for reading
 */
public record EvalReport(int inScope, int inScopePassed, int confidentWrong, int outOfScope, int rejected,
                         int labelled, int answeredOrOffered, List<Miss> misses) {

    /** A failed turn: what was asked, what was expected and what came back. */
    public record Miss(String file, int line, String question, String expected, boolean matched, String entryId,
                       String answerStart) {
    }

    public double inScopeAccuracy() {
        return inScope == 0 ? 1 : (double) inScopePassed / inScope;
    }

    public double outOfScopeRejection() {
        return outOfScope == 0 ? 1 : (double) rejected / outOfScope;
    }

    /** Confident wrong answers among all answered turns: matched but wrong, in scope or out. */
    public double confidentWrongRate() {
        int total = inScope + outOfScope;
        return total == 0 ? 0 : (double) (confidentWrong + (outOfScope - rejected)) / total;
    }

    /** Right answers and right offers among the labelled in-scope turns; 1 when none is labelled. */
    public double answeredOrOfferedRate() {
        return labelled == 0 ? 1 : (double) answeredOrOffered / labelled;
    }

    public String summary() {
        String offered = labelled == 0 ? "" : String.format("  answered or offered %.3f (%d/%d)",
                answeredOrOfferedRate(), answeredOrOffered, labelled);
        return String.format("in-scope accuracy %.3f (%d/%d)  out-of-scope rejection %.3f (%d/%d)  confident wrong %.3f (%d)%s",
                inScopeAccuracy(), inScopePassed, inScope, outOfScopeRejection(), rejected, outOfScope,
                confidentWrongRate(), confidentWrong + (outOfScope - rejected), offered);
    }
}
