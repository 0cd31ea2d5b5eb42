package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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

    @BeforeAll
    static void start() {
        server = TestServer.shipped(dataDir);
        noticeVersion = server.get("/api/consent/notice").json().get("version").asInt();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

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

    private static void assertRefused(TestServer.Response r, String code) {
        assertEquals(400, r.status(), r.body());
        assertEquals(code, r.json().get("error").get("code").asText(), r.body());
    }
}
