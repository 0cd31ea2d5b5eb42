package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.consent.CapturingCodeSender;
import gov.dadukou.guidance.consent.CreditCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsentApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    static TestServer server;
    static int noticeVersion;
    static final CapturingCodeSender codes = new CapturingCodeSender();

    @BeforeAll
    static void start() {
        server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB), Clock.systemUTC(), codes);
        noticeVersion = server.get("/api/consent/notice").json().get("version").asInt();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static final String BUSINESS_A = "91440300MA5FABCD1" + CreditCode.checkCharacter("91440300MA5FABCD1");
    static final String BUSINESS_B = "91440300MA5FABCD2" + CreditCode.checkCharacter("91440300MA5FABCD2");

    static ObjectNode valid() {
        ObjectNode body = JSON.createObjectNode()
                .put("companyName", "重庆某某餐饮有限公司")
                .put("creditCode", "91350100M000100Y43")
                .put("contactName", "张三")
                .put("phone", "13812341234")
                .put("noticeVersion", noticeVersion)
                .put("agreed", true);
        body.putArray("topics").add("食品安全").add("消防安全");
        return body;
    }

    static TestServer.Response submit(Consumer<ObjectNode> change) {
        ObjectNode body = valid();
        change.accept(body);
        return server.post("/api/consents", "application/json", body.toString());
    }

    @Test
    void noticeStatesWhoWhatWhyHowLongAndTheRightToWithdraw() {
        JsonNode n = server.get("/api/consent/notice").json();
        assertEquals(64, n.get("sha256").asText().length());
        String text = n.get("text").asText();
        for (String must : new String[] {"个人信息处理者", "处理目的", "统一社会信用代码", "手机号码", "保存期限", "撤回", "不影响", "自愿"}) {
            assertTrue(text.contains(must), "notice lacks " + must);
        }
        assertTrue(n.get("topics").size() >= 10);
    }

    @Test
    void consentReturns201WithAReceipt() {
        TestServer.Response r = submit(b -> { });
        assertEquals(201, r.status(), r.body());
        JsonNode receipt = r.json();
        assertFalse(receipt.get("receiptId").asText().isBlank());
        assertTrue(receipt.get("withdrawToken").asText().length() >= 20);
        assertTrue(receipt.get("grantedAt").asText().endsWith("+00:00"), receipt.get("grantedAt").asText());
        OffsetDateTime.parse(receipt.get("grantedAt").asText());
        assertEquals(noticeVersion, receipt.get("noticeVersion").asInt());
        assertEquals(64, receipt.get("noticeSha256").asText().length());
        assertEquals("[\"食品安全\",\"消防安全\"]", receipt.get("topics").toString());
    }

    /** A person reads the short code to 12345; staff find the consent by it, however it was typed. */
    @Test
    void theReceiptCarriesAShortCodeWithoutLookAlikesThatTheRecordShowsToo() {
        JsonNode receipt = submit(b -> { }).json();
        String code = receipt.get("receiptCode").asText();
        assertTrue(code.matches("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}"), code);
        assertFalse(receipt.get("withdrawToken").asText().isBlank(), "every earlier field is still there");
        JsonNode view = server.get("/api/consents/" + receipt.get("receiptId").asText() + "?token="
                + receipt.get("withdrawToken").asText()).json();
        assertEquals(code, view.get("receiptCode").asText());
        var found = server.assistant.consent().byReceiptCode(" " + code.toLowerCase().replace("-", " ") + " ");
        assertEquals(1, found.size());
        assertEquals(receipt.get("receiptId").asText(), found.get(0).receiptId());
        assertTrue(server.assistant.consent().byReceiptCode("ZZZZ-ZZZ0").isEmpty());
    }

    @Test
    void aPhoneNumberWrittenWithSpacesOrDashesIsAcceptedAndStoredAsElevenDigits() {
        for (String written : new String[] {"138 1234 1234", "138-1234-1234", "+86 138 1234 1234"}) {
            JsonNode receipt = submit(b -> b.put("phone", written)).json();
            JsonNode view = server.get("/api/consents/" + receipt.get("receiptId").asText() + "?token="
                    + receipt.get("withdrawToken").asText()).json();
            assertEquals("138****1234", view.get("phone").asText(), written);
        }
        assertRefused(submit(b -> b.put("phone", "138 1234 12")), "invalid_phone");
    }

    /** The notice says how reminders arrive and how often; with no webhook, that nothing is sent. */
    @Test
    void theNoticeSaysHowRemindersArriveAndHowOften() {
        JsonNode n = server.get("/api/consent/notice").json();
        String text = n.get("text").asText();
        assertTrue(text.contains("发送方式：" + n.get("channel").asText()), text);
        assertTrue(n.get("channel").asText().contains("不通过短信"), "without WEBHOOK_URL nothing is sent: " + n.get("channel"));
        assertTrue(text.contains("发送频率：" + n.get("frequency").asText()), text);
        assertTrue(n.get("frequency").asText().contains("每年最多一次"), n.get("frequency").asText());
    }

    @Test
    void badCheckCharacterOfTheCreditCodeIsRefused() {
        assertRefused(submit(b -> b.put("creditCode", "91350100M000100Y44")), "invalid_credit_code");
    }

    @Test
    void creditCodeWithAForbiddenLetterIsRefused() {
        assertRefused(submit(b -> b.put("creditCode", "91350100M000100O43")), "invalid_credit_code");
    }

    @Test
    void malformedMobileNumberIsRefused() {
        assertRefused(submit(b -> b.put("phone", "12812341234")), "invalid_phone");
        assertRefused(submit(b -> b.put("phone", "1381234123")), "invalid_phone");
    }

    @Test
    void unknownTopicIsRefused() {
        assertRefused(submit(b -> b.putArray("topics").add("炒股")), "unknown_topic");
    }

    @Test
    void noTopicIsRefused() {
        assertRefused(submit(b -> b.putArray("topics")), "missing_topics");
    }

    @Test
    void noticeVersionThatIsNotCurrentIsRefused() {
        assertRefused(submit(b -> b.put("noticeVersion", noticeVersion + 1)), "stale_notice_version");
        assertRefused(submit(b -> b.remove("noticeVersion")), "stale_notice_version");
    }

    @Test
    void agreedMustBeTrue() {
        assertRefused(submit(b -> b.put("agreed", false)), "consent_not_agreed");
        assertRefused(submit(b -> b.put("agreed", "true")), "consent_not_agreed");
        assertRefused(submit(b -> b.remove("agreed")), "consent_not_agreed");
    }

    @Test
    void missingFieldsAreRefusedByName() {
        assertRefused(submit(b -> b.remove("companyName")), "missing_company_name");
        assertRefused(submit(b -> b.put("contactName", " ")), "missing_contact_name");
        assertRefused(submit(b -> b.remove("creditCode")), "invalid_credit_code");
    }

    @Test
    void oversizedFieldsAreRefused() {
        assertRefused(submit(b -> b.put("companyName", "公".repeat(101))), "company_name_too_long");
        assertRefused(submit(b -> b.put("contactName", "张".repeat(51))), "contact_name_too_long");
    }

    @Test
    void withdrawalIsOneCallWithTheTokenAndTakesEffectAtOnce() {
        JsonNode receipt = submit(b -> b.put("creditCode", "91110000100017643K")).json();
        String id = receipt.get("receiptId").asText();
        String token = receipt.get("withdrawToken").asText();
        TestServer.Response w = server.post("/api/consents/" + id + "/withdraw", "application/json",
                JSON.createObjectNode().put("withdrawToken", token).toString());
        assertEquals(200, w.status(), w.body());
        assertEquals("withdrawn", w.json().get("status").asText());
        OffsetDateTime.parse(w.json().get("withdrawnAt").asText());
        JsonNode view = server.get("/api/consents/" + id + "?token=" + token).json();
        assertEquals("withdrawn", view.get("status").asText());
        assertEquals(2, view.get("history").size());
        assertEquals("138****1234", view.get("phone").asText());
    }

    @Test
    void wrongTokenIsA403AndUnknownReceiptA404() {
        String id = submit(b -> { }).json().get("receiptId").asText();
        TestServer.Response w = server.post("/api/consents/" + id + "/withdraw", "application/json", "{\"withdrawToken\":\"nope\"}");
        assertEquals(403, w.status());
        assertEquals("invalid_token", w.json().get("error").get("code").asText());
        assertEquals(404, server.get("/api/consents/no-such-receipt?token=x").status());
        assertEquals(401, server.get("/api/consents/" + id).status());
    }

    @Test
    void theChatAnswersTheSameWithOrWithoutConsent() {
        JsonNode before = server.chat("营业执照要挂出来吗", "consent-chat");
        submit(b -> { });
        JsonNode after = server.chat("营业执照要挂出来吗", "consent-chat-2");
        assertEquals(before.get("answer"), after.get("answer"));
        assertEquals(before.get("matched"), after.get("matched"));
    }

    static TestServer.Response requestCode(String phone) {
        return server.post("/api/consents/codes", "application/json", JSON.createObjectNode().put("phone", phone).toString());
    }

    static String status(JsonNode receipt) {
        return server.get("/api/consents/" + receipt.get("receiptId").asText() + "?token=" + receipt.get("withdrawToken").asText())
                .json().get("status").asText();
    }

    @Test
    void anotherContactsConsentForTheSameBusinessLeavesTheFirstOneActive() {
        JsonNode a = submit(b -> b.put("creditCode", BUSINESS_A).put("phone", "13700000001")).json();
        JsonNode b = submit(x -> x.put("creditCode", BUSINESS_A).put("phone", "13700000002").put("contactName", "李四")).json();
        assertEquals("active", status(a));
        assertEquals("active", status(b));
    }

    @Test
    void aStrangerWhoConsentsForABusinessAndWithdrawsLeavesItsConsentActive() {
        JsonNode owner = submit(b -> b.put("creditCode", BUSINESS_B).put("phone", "13700000003")).json();
        JsonNode stranger = submit(b -> b.put("creditCode", BUSINESS_B).put("phone", "13700000003").put("contactName", "冒名者")).json();
        TestServer.Response w = server.post("/api/consents/" + stranger.get("receiptId").asText() + "/withdraw", "application/json",
                JSON.createObjectNode().put("withdrawToken", stranger.get("withdrawToken").asText()).toString());
        assertEquals(200, w.status(), w.body());
        assertEquals("active", status(owner), "without the phone's code the stranger's consent ended nothing");
    }

    @Test
    void aCodeRequestIs202AndTheCodeMakesTheConsentVerified() {
        TestServer.Response issued = requestCode("13700000010");
        assertEquals(202, issued.status(), issued.body());
        OffsetDateTime.parse(issued.json().get("expiresAt").asText());
        assertEquals(10, issued.json().get("validMinutes").asInt());
        JsonNode receipt = submit(b -> b.put("phone", "13700000010").put("code", codes.codeFor("13700000010"))).json();
        assertTrue(receipt.get("verified").asBoolean(), receipt.toString());
        assertTrue(receipt.get("scope").asText().contains("已通过短信验证码验证"));
        JsonNode view = server.get("/api/consents/" + receipt.get("receiptId").asText() + "?token=" + receipt.get("withdrawToken").asText()).json();
        assertTrue(view.get("verified").asBoolean());
    }

    @Test
    void aConsentWithoutACodeIs201AndMarkedUnverified() {
        TestServer.Response r = submit(b -> b.put("phone", "13700000011"));
        assertEquals(201, r.status(), r.body());
        assertFalse(r.json().get("verified").asBoolean());
        assertTrue(r.json().get("scope").asText().contains("未验证"));
        assertFalse(server.get("/api/consents/" + r.json().get("receiptId").asText() + "?token=" + r.json().get("withdrawToken").asText())
                .json().get("verified").asBoolean());
    }

    @Test
    void aWrongCodeIs400AndAnUnknownOneTooAndNothingIsRecorded() {
        assertEquals(202, requestCode("13700000012").status());
        String wrong = codes.codeFor("13700000012").equals("000000") ? "111111" : "000000";
        int before = server.assistant.consent().all(false).size();
        assertRefused(submit(b -> b.put("phone", "13700000012").put("code", wrong)), "invalid_code");
        assertRefused(submit(b -> b.put("phone", "13700000013").put("code", "123456")), "code_expired");
        assertRefused(submit(b -> b.put("phone", "13700000013").put("code", "12ab")), "invalid_code");
        assertEquals(before, server.assistant.consent().all(false).size());
    }

    @Test
    void aSecondCodeRequestWithinAMinuteIs429WithRetryAfter() throws Exception {
        assertEquals(202, requestCode("13700000014").status());
        TestServer.Response again = requestCode("13700000014");
        assertEquals(429, again.status(), again.body());
        assertEquals("code_too_soon", again.json().get("error").get("code").asText());
        assertTrue(again.json().get("error").get("message").asText().contains("秒"));
        var raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.base() + "/api/consents/codes")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"phone\":\"13700000014\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(429, raw.statusCode());
        long retryAfter = Long.parseLong(raw.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 61, String.valueOf(retryAfter));
    }

    @Test
    void aCodeRequestForAMalformedPhoneIs400AndAGatewayFailureIs503() {
        assertRefused(requestCode("12345"), "invalid_phone");
        assertRefused(server.post("/api/consents/codes", "application/json", "{}"), "invalid_phone");
        codes.failing(true);
        try {
            TestServer.Response r = requestCode("13700000015");
            assertEquals(503, r.status(), r.body());
            assertEquals("code_not_sent", r.json().get("error").get("code").asText());
        } finally {
            codes.failing(false);
        }
    }

    private static void assertRefused(TestServer.Response r, String code) {
        assertEquals(400, r.status(), r.body());
        assertEquals(code, r.json().get("error").get("code").asText(), r.body());
    }
}
