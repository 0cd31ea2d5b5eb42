package gov.dadukou.guidance.chat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which candidate's referral withholds an answer: the first, or one of the next two at least as likely. */
class ReferralChoiceTest {
    @Test
    void aFirstCandidateThatIsAReferralIsChosenWhateverItsConfidence() {
        assertEquals(0, ChatService.referralAt(new double[] {0.3, 0.9}, new boolean[] {true, false}));
    }

    @Test
    void aLaterReferralAtLeastAsLikelyAsTheFirstIsChosen() {
        assertEquals(1, ChatService.referralAt(new double[] {0.71, 0.76, 0.5}, new boolean[] {false, true, false}));
        assertEquals(2, ChatService.referralAt(new double[] {0.6, 0.9, 0.6}, new boolean[] {false, false, true}));
    }

    /** Two candidates equally likely to the second decimal: which is first must not decide that the entry is asserted. */
    @Test
    void aLaterReferralAlmostAsLikelyAsTheFirstIsChosen() {
        assertEquals(1, ChatService.referralAt(new double[] {0.804, 0.801, 0.2}, new boolean[] {false, true, false}));
        assertEquals(1, ChatService.referralAt(new double[] {0.80, 0.76}, new boolean[] {false, true}));
    }

    @Test
    void aLaterReferralLessLikelyThanTheFirstLeavesTheAnswerAlone() {
        assertEquals(-1, ChatService.referralAt(new double[] {0.82, 0.69, 0.1}, new boolean[] {false, true, false}));
        assertEquals(-1, ChatService.referralAt(new double[] {0.82, 0.7}, new boolean[] {false, false}));
        assertEquals(-1, ChatService.referralAt(new double[0], new boolean[0]));
    }
}
