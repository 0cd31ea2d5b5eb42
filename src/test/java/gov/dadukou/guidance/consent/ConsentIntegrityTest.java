package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consent belongs to one contact (credit code + phone): nobody else can end it, and a phone counts as
 * the contact's only when proved with a one-time code.
 */
class ConsentIntegrityTest {
    static final String BUSINESS = "91350100M000100Y43";
    static final String PHONE_A = "13812341234";
    static final String PHONE_B = "13987654321";

    @TempDir
    Path dir;
    Database db;
    TestClock clock;
    CapturingCodeSender codes;
    ConsentService consent;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("test.db"));
        clock = new TestClock(Instant.parse("2027-03-01T02:00:00Z"));
        codes = new CapturingCodeSender();
        consent = new ConsentService(db, clock, ConsentLedgerTest.TOPICS, ConsentLedgerTest.SETTINGS, codes);
    }

    @AfterEach
    void close() {
        db.close();
    }

    ConsentRequest request(String phone, String code, String... topics) {
        return new ConsentRequest("重庆测试餐饮有限公司", BUSINESS, "联系人" + phone.substring(7), phone,
                topics.length == 0 ? List.of("食品安全") : List.of(topics), consent.notice().version(), true, code);
    }

    ConsentReceipt verifiedConsent(String phone, String... topics) {
        consent.requestCode(phone);
        return consent.grant(request(phone, codes.codeFor(phone), topics));
    }

    String status(ConsentReceipt r) {
        return consent.view(r.receiptId(), r.withdrawToken()).status();
    }

    @Test
    void anotherContactsConsentForTheSameBusinessLeavesTheFirstConsentActive() {
        ConsentReceipt a = verifiedConsent(PHONE_A);
        ConsentReceipt b = verifiedConsent(PHONE_B);
        assertEquals("active", status(a));
        assertEquals("active", status(b));
        assertEquals(2, consent.activeSubscriptions().size());
    }

    @Test
    void someoneWhoKnowsTheCreditCodeCannotSupersedeAndThenWithdrawTheBusinesssConsent() {
        ConsentReceipt owner = verifiedConsent(PHONE_A);
        ConsentReceipt stranger = consent.grant(request(PHONE_B, null)); // the old attack: consent, then withdraw
        consent.withdraw(stranger.receiptId(), stranger.withdrawToken());
        assertEquals("active", status(owner));
        assertEquals(List.of(owner.receiptId()), consent.activeSubscriptions().stream().map(Subscription::receiptId).toList());
    }

    @Test
    void aConsentForSomeoneElsesPhoneWithoutTheCodeEndsNothingAndIsMarkedUnverified() {
        ConsentReceipt owner = verifiedConsent(PHONE_A);
        ConsentReceipt impostor = consent.grant(request(PHONE_A, null, "消防安全"));
        assertFalse(impostor.verified());
        assertTrue(impostor.scope().contains("未验证"), impostor.scope());
        consent.withdraw(impostor.receiptId(), impostor.withdrawToken());
        assertEquals("active", status(owner));
    }

    @Test
    void withACodeTheSameContactsNewConsentReplacesTheirEarlierOne() {
        ConsentReceipt first = verifiedConsent(PHONE_A, "食品安全");
        ConsentReceipt unproven = consent.grant(request(PHONE_A, null, "年度报告"));
        clock.advance(Duration.ofMinutes(2)); // past the resend interval
        ConsentReceipt second = verifiedConsent(PHONE_A, "消防安全");
        assertTrue(second.verified());
        assertEquals("superseded", status(first));
        assertEquals("superseded", status(unproven), "a proved phone also replaces unproven consents in its name");
        assertEquals("active", status(second));
        assertTrue(consent.verify().ok(), String.valueOf(consent.verify()));
    }

    @Test
    void eachContactWithdrawsOnlyTheirOwnConsent() {
        ConsentReceipt a = verifiedConsent(PHONE_A);
        ConsentReceipt b = verifiedConsent(PHONE_B);
        ClientException e = assertThrows(ClientException.class, () -> consent.withdraw(a.receiptId(), b.withdrawToken()));
        assertEquals(403, e.status());
        consent.withdraw(b.receiptId(), b.withdrawToken());
        assertEquals("active", status(a));
        assertEquals("withdrawn", status(b));
    }

    @Test
    void aConsentWithoutACodeIsRecordedAsUnverifiedInTheReceiptTheViewTheStaffListAndTheCsv() throws Exception {
        ConsentReceipt r = consent.grant(request(PHONE_A, null));
        assertFalse(r.verified());
        assertFalse(consent.view(r.receiptId(), r.withdrawToken()).verified());
        assertFalse(consent.all(false).get(0).verified());
        assertFalse(consent.activeSubscriptions().get(0).verified());
        StringWriter csv = new StringWriter();
        ConsentCsv.write(consent.all(false), csv);
        String[] lines = csv.toString().split("\r\n");
        assertTrue(lines[0].endsWith(",phone_verified,receipt_code"), lines[0]);
        assertTrue(lines[1].endsWith(",false," + r.receiptCode()), lines[1]);
    }

    @Test
    void aConsentWithAValidCodeIsVerifiedInTheReceiptTheViewTheStaffListAndTheCsv() throws Exception {
        ConsentReceipt r = verifiedConsent(PHONE_A);
        assertTrue(r.verified());
        assertTrue(r.scope().contains("已通过短信验证码验证"), r.scope());
        assertTrue(consent.view(r.receiptId(), r.withdrawToken()).verified());
        assertTrue(consent.all(false).get(0).verified());
        StringWriter csv = new StringWriter();
        ConsentCsv.write(consent.all(false), csv);
        assertTrue(csv.toString().split("\r\n")[1].endsWith(",true," + r.receiptCode()));
    }

    @Test
    void aWrongCodeIsRefusedAndNothingIsRecorded() {
        consent.requestCode(PHONE_A);
        String wrong = codes.codeFor(PHONE_A).equals("000000") ? "111111" : "000000";
        ClientException e = assertThrows(ClientException.class, () -> consent.grant(request(PHONE_A, wrong)));
        assertEquals("invalid_code", e.code());
        assertTrue(e.getMessage().contains("4次"), e.getMessage());
        assertTrue(consent.all(false).isEmpty());
        assertTrue(consent.grant(request(PHONE_A, codes.codeFor(PHONE_A))).verified(), "the right code still works after one miss");
    }

    @Test
    void afterFiveWrongCodesEvenTheRightCodeIsRefused() {
        consent.requestCode(PHONE_A);
        String right = codes.codeFor(PHONE_A);
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < PhoneCodes.MAX_ATTEMPTS - 1; i++) {
            assertEquals("invalid_code", assertThrows(ClientException.class, () -> consent.grant(request(PHONE_A, wrong))).code());
        }
        assertEquals("code_attempts_exceeded", assertThrows(ClientException.class, () -> consent.grant(request(PHONE_A, wrong))).code());
        assertEquals("code_attempts_exceeded", assertThrows(ClientException.class, () -> consent.grant(request(PHONE_A, right))).code());
    }

    @Test
    void anExpiredCodeIsRefused() {
        consent.requestCode(PHONE_A);
        clock.advance(PhoneCodes.TTL.plusSeconds(1));
        ClientException e = assertThrows(ClientException.class, () -> consent.grant(request(PHONE_A, codes.codeFor(PHONE_A))));
        assertEquals("code_expired", e.code());
    }

    @Test
    void aCodeVerifiesOneConsentOnly() {
        consent.requestCode(PHONE_A);
        String code = codes.codeFor(PHONE_A);
        consent.grant(request(PHONE_A, code));
        assertEquals("code_expired", assertThrows(ClientException.class, () -> consent.grant(request(PHONE_A, code))).code());
    }

    @Test
    void aCodeSentToOnePhoneDoesNotVerifyAnother() {
        consent.requestCode(PHONE_A);
        consent.requestCode(PHONE_B);
        String forA = codes.codeFor(PHONE_A);
        org.junit.jupiter.api.Assumptions.assumeFalse(forA.equals(codes.codeFor(PHONE_B)), "both phones drew the same code (1 in 10^6)");
        assertEquals("invalid_code", assertThrows(ClientException.class, () -> consent.grant(request(PHONE_B, forA))).code());
    }

    @Test
    void aSecondCodeWithinAMinuteIsThrottledAndAllowedAfterIt() {
        consent.requestCode(PHONE_A);
        CodeThrottledException e = assertThrows(CodeThrottledException.class, () -> consent.requestCode(PHONE_A));
        assertEquals("code_too_soon", e.code());
        assertTrue(e.retryAfterSeconds() >= 1 && e.retryAfterSeconds() <= 61, String.valueOf(e.retryAfterSeconds()));
        clock.advance(PhoneCodes.RESEND_AFTER.plusSeconds(1));
        consent.requestCode(PHONE_A);
    }

    @Test
    void aPhoneGetsAtMostTenCodesADay() {
        for (int i = 0; i < PhoneCodes.MAX_PER_DAY; i++) {
            consent.requestCode(PHONE_A);
            clock.advance(Duration.ofMinutes(2));
        }
        assertEquals("code_daily_limit", assertThrows(CodeThrottledException.class, () -> consent.requestCode(PHONE_A)).code());
    }

    @Test
    void codesAndPhonesAreStoredOnlyAsHashes() {
        consent.requestCode(PHONE_A);
        String code = codes.codeFor(PHONE_A);
        String row = db.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM consent_codes")) {
                StringBuilder sb = new StringBuilder();
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                }
                return sb.toString();
            }
        });
        assertFalse(row.isEmpty());
        assertFalse(row.contains(PHONE_A), row);
        assertFalse(row.contains("|" + code + "|"), row);
    }

    @Test
    void aCodeTheGatewayCouldNotSendCanBeAskedForAgainAtOnce() {
        codes.failing(true);
        assertThrows(CodeSender.SendException.class, () -> consent.requestCode(PHONE_A));
        codes.failing(false);
        consent.requestCode(PHONE_A);
        assertTrue(consent.grant(request(PHONE_A, codes.codeFor(PHONE_A))).verified());
    }

    @Test
    void theNoticeSaysInChineseThatAConsentIsPerContactAndHowPhonesAreVerified() {
        String text = consent.notice().text();
        assertTrue(text.contains("每一份同意只属于提交它的联系人"), text);
        assertTrue(text.contains("不会终止或替换您的同意"), text);
        assertTrue(text.contains("短信验证码"), text);
        assertTrue(text.contains("未验证"), text);
    }

}
