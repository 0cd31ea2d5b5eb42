package gov.dadukou.guidance.consent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreditCodeTest {
    @Test
    void publishedExampleCodeIsValid() {
        assertTrue(CreditCode.isValid("91350100M000100Y43"));
    }

    @Test
    void checkCharacterIsComputedWithWeightsThreeToTheIMod31() {
        assertEquals('3', CreditCode.checkCharacter("91350100M000100Y4"));
        assertEquals('D', CreditCode.checkCharacter("91500104MA5UABCD1"));
    }

    @Test
    void wrongCheckCharacterIsRefused() {
        assertFalse(CreditCode.isValid("91350100M000100Y44"));
    }

    @Test
    void lettersOutsideTheCharsetAreRefused() {
        for (char c : "IOSVZ".toCharArray()) {
            String first17 = "91350100M00010" + c + "Y4";
            assertFalse(CreditCode.isValid(first17 + "0"), "letter " + c);
        }
    }

    @Test
    void wrongLengthAndLowerCaseAreRefused() {
        assertFalse(CreditCode.isValid("91350100M000100Y4"));
        assertFalse(CreditCode.isValid("91350100M000100Y433"));
        assertFalse(CreditCode.isValid("91350100m000100y43"));
        assertFalse(CreditCode.isValid(null));
    }
}
