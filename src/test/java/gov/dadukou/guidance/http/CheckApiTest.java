package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.ShippedServer;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.EvaluationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "我这种情况能不罚吗": the chat offers the check, {@code POST /api/check} answers it, the report counts it. */
class CheckApiTest {
    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.lexical();

    private static TestServer.Response check(String body) {
        return shipped.get().post("/api/check", "application/json", body);
    }

    private static void assertError(TestServer.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().at("/error/code").asText(), r.body());
        assertTrue(r.json().at("/error/message").asText().codePoints().anyMatch(cp -> cp >= 0x4E00 && cp <= 0x9FFF),
                "a Chinese message: " + r.body());
    }

    @Test
    void anAnswerWhoseEntryHasConditionsOffersTheCheckBesideEveryUsualField() {
        JsonNode r = shipped.get().chat("轻微违法及时改了还罚吗", null);
        assertTrue(r.get("matched").asBoolean(), r.toString());
        for (String field : new String[] {"answer", "matched", "outcome", "sources", "suggestions", "sessionId", "confidence"}) {
            assertTrue(r.has(field), "keeps " + field);
        }
        JsonNode check = r.get("check");
        assertEquals("xzcf-33-qingwei-gaizheng-bufa", check.get("entryId").asText(), r.toString());
        assertEquals(5, check.get("conditions").size(), check.toString());
        JsonNode first = check.get("conditions").get(0);
        assertEquals("qingwei", first.get("id").asText());
        assertTrue(first.get("question").asText().endsWith("？"), first.toString());
    }

    @Test
    void anAnswerWhoseEntryHasNoConditionsOffersNoCheck() {
        JsonNode r = shipped.get().chat("营业执照要挂出来吗", null);
        assertTrue(r.get("matched").asBoolean(), r.toString());
        assertTrue(r.get("check").isNull(), r.toString());
    }

    @Test
    void answersTurnIntoTheOutcomeWithExplanationLegalBasisAndNextSteps() {
        TestServer.Response r = check("{\"entryId\":\"xzcf-33-qingwei-gaizheng-bufa\",\"answers\":{\"qingwei\":true,"
                + "\"jishi-gaizheng\":true,\"wu-weihai-houguo\":true,\"chuci\":null,\"houguo-qingwei\":null}}");
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals("no_penalty", j.get("outcome").asText());
        assertEquals("《行政处罚法》第三十三条第一款", j.get("legalBasis").asText());
        assertTrue(j.get("explanation").asText().contains("由执法部门根据事实依法决定"), j.toString());
        assertTrue(j.get("nextSteps").size() >= 3, j.toString());
        assertFalse(r.body().contains("不会被罚"), r.body());
    }

    @Test
    void notSureAnswersAreUncertainAndPointTo12345() {
        JsonNode j = check("{\"entryId\":\"xzcf-33-wu-zhuguan-guocuo\",\"answers\":{\"wu-guocuo-zhengju\":null}}").json();
        assertEquals("uncertain", j.get("outcome").asText(), j.toString());
        assertTrue(j.get("explanation").asText().contains("12345"), j.toString());
    }

    @Test
    void anUnknownConditionIsRefusedByName() {
        assertError(check("{\"entryId\":\"xzcf-33-wu-zhuguan-guocuo\",\"answers\":{\"qingwei\":true}}"), 400, "unknown_condition");
    }

    @Test
    void aMissingEntryIs404() {
        assertError(check("{\"entryId\":\"no-such-entry\",\"answers\":{}}"), 404, "entry_not_found");
    }

    @Test
    void anEntryWithoutConditionsCannotBeChecked() {
        assertError(check("{\"entryId\":\"scjg-yyzz-xingmu\",\"answers\":{}}"), 400, "entry_has_no_check");
    }

    @Test
    void malformedRequestsGetSpecificCodes() {
        assertError(check("{\"entryId\":"), 400, "invalid_json");
        assertError(check("{\"answers\":{}}"), 400, "missing_entry_id");
        assertError(check("{\"entryId\":\"xzcf-33-wu-zhuguan-guocuo\"}"), 400, "missing_answers");
        assertError(check("{\"entryId\":\"xzcf-33-wu-zhuguan-guocuo\",\"answers\":[true]}"), 400, "invalid_answers");
        assertError(check("{\"entryId\":\"xzcf-33-wu-zhuguan-guocuo\",\"answers\":{\"wu-guocuo-zhengju\":\"是\"}}"), 400, "invalid_answer");
        assertError(check("{\"entryId\":7,\"answers\":{}}"), 400, "invalid_entry_id");
        assertError(shipped.get().post("/api/check", "text/plain", "{}"), 415, "unsupported_media_type");
        HttpResponse<String> get = shipped.get().exchange(HttpRequest.newBuilder(URI.create(shipped.get().base() + "/api/check")).GET());
        assertEquals(405, get.statusCode(), get.body());
    }

    @Test
    void aCheckSharesTheQuestionBudgetNotTheHourlyBudgetOfWrites(@TempDir Path data) {
        try (TestServer limited = new TestServer(AppConfig.forDirs(data, TestServer.SHIPPED_KB).withDense(false)
                .withLimits(new AppConfig.Limits(2, 1, List.of(), 0)), Clock.systemUTC())) {
            String body = "{\"entryId\":\"xzcf-33-wu-zhuguan-guocuo\",\"answers\":{\"wu-guocuo-zhengju\":true}}";
            assertEquals(200, limited.post("/api/check", "application/json", body).status());
            assertEquals(200, limited.post("/api/check", "application/json", body).status(), "two checks, one write allowed");
            TestServer.Response third = limited.post("/api/check", "application/json", body);
            assertEquals(429, third.status(), third.body());
            assertEquals("rate_limited", third.json().at("/error/code").asText());
            assertTrue(limited.post("/api/feedback", "application/json", "{\"helpful\":true}").status() != 429,
                    "checks did not use up the writes");
        }
    }

    @Test
    void theEvaluationReportCountsChecksStartedFinishedAndOutcomesByEntry() {
        shipped.get().assistant.questions().flush(); // earlier tests' questions are counted in "before", not in this test's difference
        EvaluationReport.Checks before = shipped.get().assistant.report().weekly(1).checks();
        shipped.get().chat("首违不罚是什么意思", null);
        shipped.get().chat("首违不罚是什么意思", null);
        shipped.get().chat("营业执照要挂出来吗", null);
        check("{\"entryId\":\"xzcf-33-shouci-weifa-kebufa\",\"answers\":{\"chuci\":true,\"houguo-qingwei\":true,\"jishi-gaizheng\":true,"
                + "\"qingwei\":false}}");
        shipped.get().assistant.questions().flush();
        EvaluationReport.Checks after = shipped.get().assistant.report().weekly(1).checks();
        assertEquals(before.started() + 2, after.started());
        assertEquals(before.finished() + 1, after.finished());
        EvaluationReport.EntryChecks entry = after.byEntry().stream().filter(e -> e.id().equals("xzcf-33-shouci-weifa-kebufa"))
                .findFirst().orElseThrow(() -> new AssertionError(after.toString()));
        assertTrue(entry.started() >= 2 && entry.finished() >= 1, entry.toString());
        assertTrue(entry.outcomes().get("may_be_spared") >= 1, entry.toString());
        assertEquals(List.of("no_penalty", "may_be_spared", "not_applicable", "uncertain"), List.copyOf(entry.outcomes().keySet()));
        assertTrue(shipped.get().assistant.report().csv(1).contains("check_entry,title,department,checks_started"), "the CSV carries them too");
    }
}
