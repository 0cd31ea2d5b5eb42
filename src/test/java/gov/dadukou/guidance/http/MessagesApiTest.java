package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.consent.CreditCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public 留言咨询 API: every route and every error a business can meet. */
class MessagesApiTest {
    @TempDir
    static Path dir;
    static MessageFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new MessageFixture(dir);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aMessageGetsATicketToReadOutATokenAndADueDateInWorkingDaysSkippingTheConfiguredClosure() {
        JsonNode r = f.submit(MessageFixture.message(MessageFixture.ROUTED));
        assertTrue(r.get("ticket").asText().matches("2026-1202-\\d{4}"), r.toString());
        assertTrue(r.get("token").asText().length() >= 32);
        // Wed 2 Dec + 5 working days, 7 Dec closed: Thu 3, Fri 4, Tue 8, Wed 9, Thu 10.
        assertEquals("2026-12-10", r.get("dueDate").asText());
        assertEquals("2026年12月10日", r.get("dueDateText").asText());
        assertEquals("assigned", r.get("status").asText());
        assertEquals(MessageFixture.DEPT, r.get("department").asText());
        assertEquals("/messages/" + r.get("ticket").asText() + "?token=" + r.get("token").asText(), r.get("statusUrl").asText());
    }

    @Test
    void ticketsAreSequentialPerDayAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            assertTrue(seen.add(f.submit(MessageFixture.message(MessageFixture.UNCLEAR + i)).get("ticket").asText()));
        }
        assertEquals(5, seen.size());
    }

    @Test
    void messagesSubmittedAtOnceStillGetDistinctTickets() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> f.submit(MessageFixture.message(MessageFixture.UNCLEAR)).get("ticket").asText()));
            }
            Set<String> tickets = new HashSet<>();
            for (var fu : futures) {
                tickets.add(fu.get());
            }
            assertEquals(16, tickets.size(), tickets.toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anUnclearMessageWaitsInTheTriageQueue() {
        JsonNode r = f.submit(MessageFixture.message(MessageFixture.UNCLEAR));
        assertEquals("received", r.get("status").asText());
        assertTrue(r.get("department").isNull());
    }

    @Test
    void theStatusIsReadWithTheTokenInTheHeaderOrTheQueryAndNotWithAnother() {
        JsonNode a = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED + "，电话13812341234"));
        JsonNode b = f.submit(MessageFixture.message(MessageFixture.ROUTED));
        String path = "/api/messages/" + a.get("ticket").asText();
        TestServer.Response byHeader = f.withToken("GET", path, a.get("token").asText(), null);
        assertEquals(200, byHeader.status(), byHeader.body());
        JsonNode v = byHeader.json();
        assertEquals("assigned", v.get("status").asText());
        assertEquals("已分派至区市场监管局办理", v.get("statusLabel").asText());
        assertEquals("2026年12月2日 08:34", v.get("receivedAtText").asText());
        assertTrue(v.get("contactKept").asBoolean());
        assertTrue(v.get("question").asText().contains("[手机号]"), "the page may be forwarded: personal data masked");
        assertFalse(v.toString().contains("13812341234"));
        assertTrue(v.get("reply").isNull());
        assertEquals(200, f.server.get(path + "?token=" + a.get("token").asText()).status());

        TestServer.Response other = f.withToken("GET", path, b.get("token").asText(), null);
        assertEquals(403, other.status());
        assertEquals("invalid_token", other.json().at("/error/code").asText());
        assertEquals(401, f.server.get(path).status());
        assertEquals("missing_token", f.server.get(path).json().at("/error/code").asText());
        TestServer.Response unknown = f.withToken("GET", "/api/messages/2026-1202-9999", a.get("token").asText(), null);
        assertEquals(404, unknown.status());
        assertEquals("message_not_found", unknown.json().at("/error/code").asText());
        assertEquals("message_not_found", f.withToken("GET", "/api/messages/not-a-ticket", "x", null).json().at("/error/code").asText(""),
                "a path that is no ticket is simply not found");
    }

    @Test
    void badMessagesAreRefusedWithSpecificCodesInChinese() {
        String tooLong = "我".repeat(1001);
        String[][] cases = {
                {"{\"question\":\"   \"}", "message_empty"},
                {"{\"question\":\"\\u200b\\u0000\"}", "message_empty"},
                {"{}", "message_empty"},
                {"{\"question\":\"" + tooLong + "\"}", "message_too_long"},
                {"{\"question\":\"问\",\"creditCode\":\"91350100M000100Y44\"}", "invalid_credit_code"},
                {"{\"question\":\"问\",\"topic\":\"不存在的主题\"}", "unknown_topic"},
                {"{\"question\":\"问\",\"companyName\":\"" + "企".repeat(101) + "\"}", "company_name_too_long"},
                {"{\"question\":\"问\",\"phone\":\"13812341234\"}", "callback_consent_required"},
                {"{\"question\":\"问\",\"contactName\":\"张三\",\"phone\":\"13812341234\",\"callbackConsent\":false}", "callback_consent_required"},
                {"{\"question\":\"问\",\"phone\":\"13812341234\",\"callbackConsent\":true,\"noticeVersion\":1}", "missing_contact_name"},
                {"{\"question\":\"问\",\"contactName\":\"张三\",\"phone\":\"12345\",\"callbackConsent\":true,\"noticeVersion\":1}", "invalid_phone"},
                {"{\"question\":\"问\",\"contactName\":\"张三\",\"phone\":\"13812341234\",\"callbackConsent\":true,\"noticeVersion\":0}", "stale_notice_version"},
                {"{\"question\":\"问\",\"callbackConsent\":\"yes\"}", "invalid_callback_consent"},
                {"{\"question\":7}", "invalid_question"},
                {"[1]", "invalid_json"},
        };
        for (String[] c : cases) {
            TestServer.Response r = f.server.post("/api/messages", "application/json", c[0]);
            assertEquals(400, r.status(), c[0] + " → " + r.body());
            assertEquals(c[1], r.json().at("/error/code").asText(), c[0]);
            assertTrue(r.json().at("/error/message").asText().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN));
        }
        assertEquals(415, f.server.post("/api/messages", "text/plain", "{\"question\":\"问\"}").status());
        assertEquals(201, f.post("/api/messages", MessageFixture.message("我".repeat(1000))).status(), "1000 characters are allowed");
    }

    @Test
    void aValidCreditCodeAndAPhoneWrittenWithPlus86AreAccepted() {
        String code = "91440300MA5FABCD1" + CreditCode.checkCharacter("91440300MA5FABCD1");
        JsonNode r = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED).put("creditCode", code.toLowerCase())
                .put("phone", "+86 138-1234-1234"));
        Long id = f.server.assistant.database().inTransaction(h -> h.createQuery(
                "SELECT m.id FROM messages m JOIN message_contacts c ON c.message_id = m.id WHERE m.ticket = :t AND c.phone = '13812341234' "
                        + "AND m.credit_code = :code").bind("t", r.get("ticket").asText()).bind("code", code).mapTo(Long.class).findOne().orElse(null));
        assertTrue(id != null, "stored as eleven digits, the code upper-cased");
    }

    @Test
    void onlyTheTokensHashIsStored() {
        JsonNode r = f.submit(MessageFixture.message(MessageFixture.ROUTED));
        String stored = f.server.assistant.database().inTransaction(h -> h.createQuery("SELECT token_sha256 FROM messages WHERE ticket = :t")
                .bind("t", r.get("ticket").asText()).mapTo(String.class).one());
        assertEquals(gov.dadukou.guidance.Hashing.sha256Hex(r.get("token").asText()), stored);
    }

    @Test
    void theCallbackNoticeIsServedWithItsVersionAndHash() {
        JsonNode n = f.server.get("/api/messages/notice").json();
        assertEquals(1, n.get("version").asInt());
        assertTrue(n.get("text").asText().contains("只用于承办部门就本条留言回复您"));
        assertEquals(gov.dadukou.guidance.Hashing.sha256Hex(n.get("text").asText()), n.get("sha256").asText());
    }

    @Test
    void aMessageCanBeWithdrawnAndItsContactErasedOnceEachWithTheToken() {
        JsonNode r = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED));
        String path = "/api/messages/" + r.get("ticket").asText();
        String token = r.get("token").asText();
        assertEquals(403, f.withToken("POST", path + "/erase", "wrong", "{}").status());
        JsonNode erased = f.withToken("POST", path + "/erase", null, "{\"token\":\"" + token + "\"}").json();
        assertTrue(erased.get("contactErased").asBoolean());
        assertFalse(erased.get("contactKept").asBoolean());
        long left = f.server.assistant.database().inTransaction(h -> h.createQuery(
                "SELECT COUNT(*) FROM message_contacts c JOIN messages m ON m.id = c.message_id WHERE m.ticket = :t")
                .bind("t", r.get("ticket").asText()).mapTo(Long.class).one());
        assertEquals(0, left, "name and phone are deleted, not flagged");
        assertEquals(200, f.withToken("POST", path + "/erase", token, null).status(), "erasing twice changes nothing");

        assertEquals(403, f.withToken("POST", path + "/withdraw", "wrong", null).status());
        JsonNode withdrawn = f.server.post(path + "/withdraw?token=" + token, "application/json", "").json();
        assertEquals("withdrawn", withdrawn.get("status").asText());
        assertEquals("2026年12月2日 08:34", withdrawn.get("withdrawnAtText").asText());
        assertEquals("withdrawn", f.withToken("POST", path + "/withdraw", token, null).json().get("status").asText());
    }

    @Test
    void aRatingIsRefusedBeforeTheReplyAndWhenItIsNotOneOfTheThree() {
        JsonNode r = f.submit(MessageFixture.message(MessageFixture.ROUTED));
        String path = "/api/messages/" + r.get("ticket").asText() + "/rating";
        String token = r.get("token").asText();
        TestServer.Response early = f.withToken("POST", path, token, "{\"rating\":\"满意\"}");
        assertEquals(409, early.status());
        assertEquals("not_replied", early.json().at("/error/code").asText());
        assertEquals("invalid_rating", f.withToken("POST", path, token, "{\"rating\":\"good\"}").json().at("/error/code").asText());
        assertEquals("reason_too_long", f.withToken("POST", path, token, "{\"rating\":\"满意\",\"reason\":\"" + "好".repeat(501) + "\"}")
                .json().at("/error/code").asText());
        assertEquals(403, f.withToken("POST", path, "wrong", "{\"rating\":\"满意\"}").status());
        // Rated after a reply, once only: MessagesStaffApiTest, which replies first.
    }

    @Test
    void theStatusPageIsServedForAnyTicketAndAsksTheApiWithTheToken() {
        TestServer.Response page = f.server.get("/messages/2026-1202-0001?token=abc");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("我的留言"));
        assertTrue(page.body().contains("/message.js"), page.body());
    }
}
