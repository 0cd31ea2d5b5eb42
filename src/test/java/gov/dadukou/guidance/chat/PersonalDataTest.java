package gov.dadukou.guidance.chat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonalDataTest {
    @Test
    void phonesIdNumbersCreditCodesAndEmailsAreMasked() {
        assertEquals("打[手机号]或[电话]，身份证[身份证号]，代码[信用代码]，邮箱[邮箱]",
                PersonalData.mask("打13812341234或023-68831234，身份证50010419900101123X，代码91350100M000100Y43，邮箱a.b@example.com"));
    }

    @Test
    void ordinaryNumbersStay() {
        assertEquals("罚款3万元以下，第四十八条，15日内，2027年", PersonalData.mask("罚款3万元以下，第四十八条，15日内，2027年"));
    }
}
