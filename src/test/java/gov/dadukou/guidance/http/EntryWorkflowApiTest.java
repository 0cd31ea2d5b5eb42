package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The life of an entry through the staff API, seen from the chat, and across a restart. */
class EntryWorkflowApiTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    static final String QUESTION = "临时占道装卸货物要不要报备";

    @TempDir
    Path dataDir;

    TestServer start() {
        return new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD),
                Clock.systemUTC());
    }

    static ObjectNode entry(String answer) {
        ObjectNode e = StaffClient.JSON.createObjectNode()
                .put("id", "cgj-linshi-zhandao-zhuangxie")
                .put("kind", "行政指导事项")
                .put("title", "临时占道装卸货物事先报备")
                .put("answer", answer)
                .put("department", "区市场监管局")
                .put("method", "提示提醒")
                .put("reviewed", "2026-11-27")
                .put("verify", "测试条目：请区城市管理局核实报备渠道");
        e.putArray("questions").add(QUESTION).add("店门口卸货占道需要报备吗").add("占用人行道卸货要审批吗").add("临时卸货占道去哪报备");
        e.putArray("legalBasis").addObject().put("law", "城市道路管理条例");
        return e;
    }

    @Test
    void anEditorDraftsAReviewerApprovesAndPublishesAndTheChatAnswersAtOnce() {
        try (TestServer server = start()) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            admin.ok("POST", "/admin/api/accounts", "{\"username\":\"editor1\",\"password\":\"editor-password-1\",\"role\":\"editor\",\"department\":\"区市场监管局\"}");
            admin.ok("POST", "/admin/api/accounts", "{\"username\":\"editor2\",\"password\":\"editor-password-2\",\"role\":\"editor\",\"department\":\"区税务局\"}");
            admin.ok("POST", "/admin/api/accounts", "{\"username\":\"reviewer1\",\"password\":\"reviewer-password-1\",\"role\":\"reviewer\"}");
            StaffClient editor = StaffClient.login(server, "editor1", "editor-password-1");
            StaffClient otherEditor = StaffClient.login(server, "editor2", "editor-password-2");
            StaffClient reviewer = StaffClient.login(server, "reviewer1", "reviewer-password-1");

            assertFalse(server.chat(QUESTION, null).get("answer").asText().contains("测试答案第一版"));
            JsonNode draft = editor.ok("POST", "/admin/api/entries", entry("测试答案第一版：临时占道装卸前请先报备。").toString());
            assertEquals("draft", draft.get("status").asText());
            assertEquals(403, otherEditor.request("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/submit", null).statusCode(),
                    "an editor works only on their own department's entries");
            editor.ok("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/submit", null);
            assertEquals(403, editor.request("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/approve", "{\"comment\":\"ok\"}").statusCode());
            assertEquals(400, reviewer.request("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/approve", "{}").statusCode(),
                    "legal review needs a comment");
            reviewer.ok("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/approve", "{\"comment\":\"法制审核通过\"}");
            assertFalse(server.chat(QUESTION, null).get("answer").asText().contains("测试答案第一版"), "approved is not yet published");

            // Published means answering: the very next question after the publish request returns sees it (how long a
            // publish takes is a benchmark's business, docs/benchmarks.md, not a timed assertion's).
            reviewer.ok("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/publish", null);
            JsonNode answer = server.chat(QUESTION, null);
            assertTrue(answer.get("matched").asBoolean(), answer.toString());
            assertTrue(answer.get("answer").asText().contains("测试答案第一版"), answer.toString());

            editor.ok("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/versions", entry("测试答案第二版：请先向区城市管理局报备。").toString());
            JsonNode diff = editor.ok("GET", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/diff?from=1&to=2", null);
            assertTrue(diff.has("answer") && !diff.has("title"), diff.toString());
            assertTrue(server.chat(QUESTION, null).get("answer").asText().contains("测试答案第一版"), "the published version answers until the next is published");
            JsonNode history = reviewer.ok("GET", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie", null);
            assertEquals(2, history.size());
            assertEquals("editor1", history.get(1).get("author").asText());
            assertEquals("法制审核通过", history.get(0).get("reviewComment").asText());

            reviewer.ok("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/retire", null);
            assertFalse(server.chat(QUESTION, null).get("answer").asText().contains("测试答案"), "a retired entry no longer answers");
        }
    }

    @Test
    void nobodyApprovesTheirOwnVersion() {
        try (TestServer server = start()) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            admin.ok("POST", "/admin/api/entries", entry("管理员自己写的答案。").toString());
            admin.ok("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/submit", null);
            HttpResponse<String> own = admin.request("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/approve", "{\"comment\":\"自审\"}");
            assertEquals(403, own.statusCode());
            assertEquals("own_entry", StaffClient.json(own).get("error").get("code").asText());
        }
    }

    @Test
    void anInvalidEntryIsRefusedNamingTheField() {
        try (TestServer server = start()) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            ObjectNode bad = entry("答案。");
            bad.put("method", "约谈");
            HttpResponse<String> r = admin.request("POST", "/admin/api/entries", bad.toString());
            assertEquals(400, r.statusCode());
            assertTrue(StaffClient.json(r).get("error").get("message").asText().contains("method"), r.body());
        }
    }

    @Test
    void restartingTheServerLosesNothing() {
        try (TestServer server = start()) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            admin.ok("POST", "/admin/api/accounts", "{\"username\":\"reviewer1\",\"password\":\"reviewer-password-1\",\"role\":\"reviewer\"}");
            admin.ok("POST", "/admin/api/accounts", "{\"username\":\"editor1\",\"password\":\"editor-password-1\",\"role\":\"editor\",\"department\":\"区市场监管局\"}");
            // The editor writes it: the admin made reviewer1, so the four-eyes rule keeps reviewer1 from approving the admin's own.
            StaffClient editor = StaffClient.login(server, "editor1", "editor-password-1");
            editor.ok("POST", "/admin/api/entries", entry("重启前发布的答案。").toString());
            editor.ok("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/submit", null);
            StaffClient reviewer = StaffClient.login(server, "reviewer1", "reviewer-password-1");
            reviewer.ok("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/approve", "{\"comment\":\"通过\"}");
            reviewer.ok("POST", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie/publish", null);
        }
        try (TestServer again = start()) {
            assertTrue(again.chat(QUESTION, null).get("answer").asText().contains("重启前发布的答案"));
            StaffClient reviewer = StaffClient.login(again, "reviewer1", "reviewer-password-1");
            assertEquals(1, reviewer.ok("GET", "/admin/api/entries/cgj-linshi-zhandao-zhuangxie", null).size());
        }
    }

    @Test
    void theEvaluationReportDownloadsAsCsv() {
        try (TestServer server = start()) {
            server.chat("营业执照要挂出来吗", null);
            server.chat("明天会下雨吗", null);
            server.post("/api/feedback", "application/json", "{\"entryId\":\"scjg-yyzz-xingmu\",\"helpful\":false}");
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            HttpResponse<String> csv = admin.request("GET", "/admin/api/report.csv", null);
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertTrue(csv.body().contains("全区,2,1,0.500"), csv.body());
            assertTrue(csv.body().contains("区市场监管局,1,1,1.000,0,1,0.000"), csv.body());
            assertTrue(csv.body().contains("scjg-yyzz-xingmu"), "worst entries listed: " + csv.body());
        }
    }
}
