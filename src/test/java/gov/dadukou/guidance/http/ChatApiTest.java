package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ShippedServer;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatApiTest {
    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.withDense();

    @Test
    void licenceQuestionIsAnsweredWithItsLegalBasisAndDepartment() {
        JsonNode r = shipped.get().chat("营业执照要挂出来吗", null);
        assertTrue(r.get("matched").asBoolean(), r.toString());
        String answer = r.get("answer").asText();
        assertTrue(answer.contains("醒目位置"), answer);
        assertTrue(answer.contains("法律依据：《市场主体登记管理条例》第三十六条"), answer);
        assertTrue(answer.contains("实施单位：区市场监管局"), answer);
        assertTrue(answer.contains("不具有强制力"), answer);
        JsonNode source = r.get("sources").get(0);
        for (String field : new String[] {"id", "title", "kind", "department", "legalBasis"}) {
            assertTrue(source.hasNonNull(field), "source lacks " + field);
        }
        assertFalse(r.get("sessionId").asText().isBlank());
    }

    @Test
    void questionOutsideTheKnowledgeBaseIsNotAnsweredAndPointsTo12345() {
        JsonNode r = shipped.get().chat("明天会下雨吗", null);
        assertFalse(r.get("matched").asBoolean(), r.toString());
        assertTrue(r.get("answer").asText().contains("12345"));
        assertEquals(0, r.get("sources").size());
    }

    @Test
    void anOverviewOffersEachOfItsStepsAsTheNextQuestions() {
        JsonNode r = shipped.get().chat("开一家餐馆要办哪些手续", null);
        assertTrue(r.get("matched").asBoolean(), r.toString());
        assertEquals("scjg-kaiban-canyindian-shouxu", r.get("sources").get(0).get("id").asText());
        assertTrue(r.get("suggestions").size() >= 5, r.get("suggestions").toString());
        JsonNode step = shipped.get().chat(r.get("suggestions").get(0).asText(), null);
        assertEquals("scjg-yyzz-xingmu", step.get("sources").get(0).get("id").asText(), "the first step asks for its entry");
    }

    @Test
    void aQuestionInEnglishIsAskedInChinese() {
        JsonNode r = shipped.get().chat("How do I get a business licence in this district?", null);
        assertFalse(r.get("matched").asBoolean(), r.toString());
        assertTrue(r.get("answer").asText().contains("请用中文提问"), r.toString());
    }

    @Test
    void sessionIdIsEchoed() {
        JsonNode r = shipped.get().chat("企业年报什么时候报", "abc-123");
        assertEquals("abc-123", r.get("sessionId").asText());
    }

    @Test
    void followUpIsUnderstoodInTheContextOfThePreviousTurn() {
        JsonNode first = shipped.get().chat("营业执照要挂出来吗", "follow-1");
        JsonNode second = shipped.get().chat("那不挂会怎么样？", "follow-1");
        assertTrue(second.get("matched").asBoolean(), second.toString());
        assertEquals(first.get("sources").get(0).get("id"), second.get("sources").get(0).get("id"));
        assertTrue(second.get("answer").asText().contains("罚款"));
    }

    @Test
    void followUpWithoutAPreviousTurnIsNotAnsweredFromNowhere() {
        JsonNode r = shipped.get().chat("那不挂会怎么样？", "fresh-session");
        assertFalse(r.get("matched").asBoolean(), r.toString());
    }

    @Test
    void malformedJsonIsA400WithAChineseMessage() {
        assertError(shipped.get().post("/api/chat", "application/json", "{\"question\": "), 400, "invalid_json");
    }

    @Test
    void missingQuestionIsA400() {
        assertError(shipped.get().post("/api/chat", "application/json", "{}"), 400, "missing_question");
    }

    @Test
    void blankQuestionIsA400() {
        assertError(shipped.get().post("/api/chat", "application/json", "{\"question\": \"   \"}"), 400, "missing_question");
    }

    @Test
    void questionOver500CharactersIsA400() {
        String longQuestion = "营".repeat(501);
        assertError(shipped.get().post("/api/chat", "application/json", "{\"question\": \"" + longQuestion + "\"}"), 400, "question_too_long");
    }

    @Test
    void questionOfExactly500CharactersIsAccepted() {
        assertEquals(200, shipped.get().post("/api/chat", "application/json", "{\"question\": \"" + "营".repeat(500) + "\"}").status());
    }

    @Test
    void questionThatIsNotAStringIsA400() {
        assertError(shipped.get().post("/api/chat", "application/json", "{\"question\": 42}"), 400, "invalid_question");
    }

    @Test
    void bodyThatIsNotAnObjectIsA400() {
        assertError(shipped.get().post("/api/chat", "application/json", "[\"营业执照\"]"), 400, "invalid_json");
    }

    @Test
    void wrongContentTypeIsA415() {
        assertError(shipped.get().post("/api/chat", "text/plain", "{\"question\": \"营业执照要挂出来吗\"}"), 415, "unsupported_media_type");
    }

    @Test
    void missingContentTypeIsA415() {
        assertError(shipped.get().post("/api/chat", null, "{\"question\": \"营业执照要挂出来吗\"}"), 415, "unsupported_media_type");
    }

    @Test
    void malformedSessionIdIsA400() {
        assertError(shipped.get().post("/api/chat", "application/json", "{\"question\": \"年报\", \"sessionId\": \"<script>\"}"), 400, "invalid_session_id");
    }

    @Test
    void oversizedBodyIsRefusedWithJsonNotA500() {
        String big = "{\"question\": \"" + "营".repeat(20_000) + "\"}";
        TestServer.Response r = shipped.get().post("/api/chat", "application/json", big);
        assertTrue(r.status() == 413 || r.status() == 400, "status " + r.status());
        assertNotNull(r.json().get("error").get("message"));
    }

    @Test
    void unknownApiPathIsA404InTheErrorShape() {
        assertError(shipped.get().get("/api/nothing-here"), 404, "not_found");
    }

    @Test
    void healthReportsOkWithTheNumberOfEntries() {
        TestServer.Response r = shipped.get().get("/health");
        assertEquals(200, r.status());
        assertEquals("ok", r.json().get("status").asText());
        assertTrue(r.json().get("entries").asInt() >= 30);
    }

    private static void assertError(TestServer.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonNode error = r.json().get("error");
        assertEquals(code, error.get("code").asText(), r.body());
        String message = error.get("message").asText();
        assertTrue(message.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                "message should be Chinese: " + message);
        assertFalse(r.body().contains("Exception"), "no stack traces: " + r.body());
    }
}
