package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff passwords: long is not enough; common, repeated and sequential ones are refused. */
class PasswordPolicyTest {
    private final PasswordPolicy policy = PasswordPolicy.standard();

    private String refusal(String password) {
        ClientException e = assertThrows(ClientException.class, () -> policy.check(password.toCharArray(), "editor1"), password);
        assertEquals("weak_password", e.code());
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void aCommonPasswordOfTwelveOrMoreCharactersIsRefused() {
        for (String p : List.of("1qaz2wsx3edc", "qwerty123456", "administrator", "Leavemealone", "123qweasdzxc")) {
            assertTrue(refusal(p).contains("常见"), p);
        }
    }

    @Test
    void aCommonPasswordWithDigitsOrSymbolsAddedIsStillRefused() {
        for (String p : List.of("password2024!", "sunshine12345", "Iloveyou@2026", "woaini1314520")) {
            refusal(p);
        }
    }

    @Test
    void oneCharacterOrAShortPatternRepeatedIsRefused() {
        for (String p : List.of("111111111111", "aaaaaaaaaaaaaaaa", "abcabcabcabc", "12341234123412", "zxzxzxzxzxzx")) {
            refusal(p);
        }
    }

    @Test
    void runsOfTheAlphabetDigitsOrKeyboardAreRefusedEitherWayRound() {
        for (String p : List.of("123456789012", "987654321098", "abcdefghijkl", "lkjihgfedcba", "qwertyuiopas", "QWERTYUIOPASDF",
                "1qaz2wsx3edc4r", "mnbvcxzlkjhg", "7890123456789")) {
            refusal(p);
        }
    }

    @Test
    void shortPasswordsAndTheUsernameWithANumberAreRefused() {
        assertTrue(refusal("short-pw-1").contains("12"));
        refusal("editor1editor1");
        refusal("editor1-2026!!");
    }

    @Test
    void ordinaryLongPassphrasesAreAccepted() {
        for (String p : List.of("editor-password-1", "first-admin-password-1", "大渡口区行政指导2026", "river-lamp-crate-91", "Kx7#pQ2m!vR9")) {
            assertDoesNotThrow(() -> policy.check(p.toCharArray(), "editor1"), p);
        }
    }

    @Test
    void theBundledListHoldsThousandsOfPasswords() {
        assertTrue(policy.commonCount() > 10_000, "bundled: " + policy.commonCount());
    }
}
