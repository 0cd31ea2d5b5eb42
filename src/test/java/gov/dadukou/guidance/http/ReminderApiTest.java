package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.reminders.ReminderService;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReminderApiTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        // The server's today is 2027-01-25 in Chongqing.
        server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false),
                Clock.fixed(Instant.parse("2027-01-25T01:00:00Z"), ReminderService.DISTRICT_ZONE));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("reminders").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    @Test
    void springFestivalRemindersAreListedFor25January2027() {
        JsonNode body = server.get("/api/reminders?date=2027-01-25").json();
        assertEquals("2027-01-25", body.get("date").asText());
        assertTrue(ids(body).contains("tx-chunjie-yanhua-lingshou"), ids(body).toString());
        JsonNode first = body.get("reminders").get(0);
        for (String field : new String[] {"title", "department", "method", "legalBasis", "text", "window", "start", "end"}) {
            assertTrue(first.hasNonNull(field), field);
        }
    }

    @Test
    void annualReportReminderIsListedFor10June2027() {
        assertTrue(ids(server.get("/api/reminders?date=2027-06-10").json()).contains("tx-nianbao-qijian"));
    }

    @Test
    void dateDefaultsToTodayInTheDistrict() {
        assertEquals("2027-01-25", server.get("/api/reminders").json().get("date").asText());
    }

    @Test
    void filtersByTopicAndDepartment() {
        JsonNode body = server.get("/api/reminders?date=2027-01-25&topic=" + URLEncoder.encode("烟花爆竹", StandardCharsets.UTF_8)).json();
        assertEquals(List.of("tx-chunjie-yanhua-lingshou"), ids(body));
        assertEquals(400, server.get("/api/reminders?topic=" + URLEncoder.encode("炒股", StandardCharsets.UTF_8)).status());
        assertEquals(400, server.get("/api/reminders?department=" + URLEncoder.encode("区不存在局", StandardCharsets.UTF_8)).status());
    }

    @Test
    void badDateIsA400() {
        TestServer.Response r = server.get("/api/reminders?date=2027-02-30");
        assertEquals(400, r.status());
        assertEquals("invalid_date", r.json().get("error").get("code").asText());
    }

    @Test
    void calendarOfTheNextTwelveMonthsImportsIntoACalendarParser() throws Exception {
        TestServer.Response r = server.get("/api/reminders.ics");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/calendar"), r.contentType());
        Calendar calendar = new CalendarBuilder().build(new StringReader(r.body()));
        assertTrue(calendar.getComponents("VEVENT").size() >= 20);
    }

    @Test
    void chatAnswersWhatToWatchForNowWithTheRemindersInSeason() {
        JsonNode r = server.chat("最近要注意什么", null);
        assertTrue(r.get("matched").asBoolean());
        assertTrue(r.get("answer").asText().contains("2027-01-25"), r.get("answer").asText());
        List<String> sources = new ArrayList<>();
        r.get("sources").forEach(s -> sources.add(s.get("id").asText()));
        assertTrue(sources.contains("tx-chunjie-yanhua-lingshou"), sources.toString());
        assertTrue(r.get("answer").asText().contains("不具有强制力"));
    }

    @Test
    void askingWhatAReminderIsStillGetsTheExplanation() {
        JsonNode r = server.chat("什么是执法事项提示", null);
        assertTrue(r.get("sources").size() <= 1, "an explanation, not the list: " + r);
    }
}
