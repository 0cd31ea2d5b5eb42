package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staff API behind the gaps, feedback, audit and import screens. */
class ConsoleWorkApiTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";

    @TempDir
    Path dataDir;

    TestServer start() {
        return new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD),
                Clock.systemUTC());
    }

    static String error(java.net.http.HttpResponse<String> r) {
        return StaffClient.json(r).get("error").get("code").asText();
    }

    @Test
    void feedbackReasonsComeMaskedNewestFirstWithTheQuestionTheChatReplyLinked() {
        try (TestServer server = start()) {
            JsonNode answer = server.chat("营业执照要挂出来吗", null);
            String entry = answer.get("sources").get(0).get("id").asText();
            String questionId = answer.get("questionId").asText();
            assertTrue(questionId.matches("[0-9a-f]{32}"), answer.toString());
            String linked = StaffClient.JSON.createObjectNode().put("entryId", entry).put("helpful", false)
                    .put("reason", "留了电话13812345678也没人回").put("questionId", questionId).toString();
            assertEquals(201, server.post("/api/feedback", "application/json", linked).status());
            String unlinked = StaffClient.JSON.createObjectNode().put("entryId", entry).put("helpful", false).put("reason", "看不懂").toString();
            assertEquals(201, server.post("/api/feedback", "application/json", unlinked).status());
            String bad = StaffClient.JSON.createObjectNode().put("entryId", entry).put("helpful", false).put("questionId", "x'--").toString();
            assertEquals(400, server.post("/api/feedback", "application/json", bad).status());

            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            JsonNode reasons = admin.ok("GET", "/admin/api/feedback/reasons", null);
            assertEquals(2, reasons.size(), reasons.toString());
            assertEquals("看不懂", reasons.get(0).get("reason").asText(), "newest first");
            assertTrue(reasons.get(0).get("question").isNull(), "feedback without a question id has no question");
            assertEquals("留了电话[手机号]也没人回", reasons.get(1).get("reason").asText());
            assertEquals("营业执照要挂出来吗", reasons.get(1).get("question").asText());

            JsonNode forEntry = admin.ok("GET", "/admin/api/entries/" + entry + "/feedback", null);
            assertEquals(2, forEntry.get("notHelpful").asInt());
            assertEquals(2, forEntry.get("reasons").size());
            JsonNode none = admin.ok("GET", "/admin/api/entries/no-such-entry/feedback", null);
            assertEquals(0, none.get("notHelpful").asInt());
        }
    }

    @Test
    void theAuditLogFiltersByUserActionAndBeijingDatesAndItsCsvExportIsAudited() {
        try (TestServer server = start()) {
            server.assistant.staff().create("editor1", "editor-password-1".toCharArray(), gov.dadukou.guidance.admin.Role.EDITOR, "区城市管理局");
            StaffClient.login(server, "editor1", "editor-password-1");
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            JsonNode logins = admin.ok("GET", "/admin/api/audit?action=login&user=editor1", null);
            assertEquals(1, logins.size(), logins.toString());
            assertEquals("登录", logins.get(0).get("actionLabel").asText());
            assertEquals("editor1", logins.get(0).get("username").asText());

            String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
            String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
            assertEquals(2, admin.ok("GET", "/admin/api/audit?action=login&from=" + today + "&to=" + today, null).size());
            assertEquals(0, admin.ok("GET", "/admin/api/audit?action=login&from=" + tomorrow, null).size());
            assertEquals("invalid_range", error(admin.request("GET", "/admin/api/audit?from=" + tomorrow + "&to=" + today, null)));
            assertEquals("invalid_from", error(admin.request("GET", "/admin/api/audit?from=12/02/2026", null)));

            var csv = admin.request("GET", "/admin/api/audit.csv?action=login", null);
            assertEquals(200, csv.statusCode());
            assertTrue(csv.body().startsWith("\uFEFF时间（北京时间）,用户,操作,操作代码,详情"), csv.body());
            assertTrue(csv.body().contains(",editor1,登录,login,"), csv.body());
            assertTrue(csv.body().matches("(?s).*\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}:\\d{2},.*"), csv.body());
            assertEquals(1, admin.ok("GET", "/admin/api/audit?action=export-audit", null).size(), "the export is audited");
            JsonNode accounts = admin.ok("GET", "/admin/api/accounts", null);
            accounts.forEach(a -> assertFalse(a.get("lastLoginAt").isNull(), "both have signed in: " + a));
        }
    }

    @Test
    void theEntryListPagesInIdOrderAndTheUnpagedListStaysWhole() {
        try (TestServer server = start()) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            JsonNode all = admin.ok("GET", "/admin/api/entries", null);
            assertTrue(all.size() > 200, "the shipped base, whole: " + all.size());

            JsonNode second = admin.ok("GET", "/admin/api/entries?page=2&size=3", null);
            assertEquals(3, second.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(all.get(3 + i), second.get(i), "the page holds the same summaries as the whole list, in id order");
            }
            int lastPage = (all.size() + 99) / 100;
            assertEquals(all.size() - (lastPage - 1) * 100, admin.ok("GET", "/admin/api/entries?page=" + lastPage, null).size(),
                    "size defaults to 100; the last page holds the rest");
            assertEquals(0, admin.ok("GET", "/admin/api/entries?page=" + (lastPage + 1), null).size());
            java.net.http.HttpResponse<String> bad = admin.request("GET", "/admin/api/entries?size=0", null);
            assertEquals(400, bad.statusCode());
            assertEquals("invalid_size", error(bad));
        }
    }

    @Test
    void anImportPreviewListsTheRowsFoundAndRefusedAndStoresNothing() throws Exception {
        try (TestServer server = start()) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            int before = admin.ok("GET", "/admin/api/entries", null).size();
            String html = Files.readString(Path.of("src/test/resources/import/table-page.html"), StandardCharsets.UTF_8);
            JsonNode preview = admin.ok("POST", "/admin/api/import/html",
                    StaffClient.JSON.createObjectNode().put("html", html).put("department", "区城市管理局").put("dryRun", true).toString());
            assertEquals(2, preview.get("rows").size(), preview.toString());
            assertEquals(3, preview.get("skipped").size(), preview.toString());
            assertEquals(before, admin.ok("GET", "/admin/api/entries", null).size(), "a preview stores nothing");
            JsonNode done = admin.ok("POST", "/admin/api/import/html",
                    StaffClient.JSON.createObjectNode().put("html", html).put("department", "区城市管理局").toString());
            assertEquals(2, done.get("created").size());
            JsonNode again = admin.ok("POST", "/admin/api/import/html",
                    StaffClient.JSON.createObjectNode().put("html", html).put("department", "区城市管理局").put("dryRun", true).toString());
            assertEquals(0, again.get("rows").size(), "rows already imported are refused in the preview: " + again);
            assertTrue(again.get("skipped").toString().contains("编号已存在"), again.toString());
        }
    }

    @Test
    void aDraftFromAGapKeepsItsExamplesMaskedInTheEditorsDepartmentAndAnAdminMustChooseOne() throws Exception {
        try (TestServer server = start()) {
            server.assistant.staff().create("editor1", "editor-password-1".toCharArray(), gov.dadukou.guidance.admin.Role.EDITOR, "区城市管理局");
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            StaffClient editor = StaffClient.login(server, "editor1", "editor-password-1");
            var body = StaffClient.JSON.createObjectNode().put("question", "共享充电宝放店里要备案吗").put("department", "区市场监管局");
            body.putArray("examples").add("共享充电宝放在店里需要备案吗").add("我电话13812345678，店里放共享充电宝要不要备案");
            JsonNode draft = editor.ok("POST", "/admin/api/questions/draft", body.toString());
            JsonNode content = StaffClient.JSON.readTree(draft.get("content").asText());
            assertEquals("区城市管理局", content.get("department").asText(), "an editor's draft stays in the editor's department");
            List<String> questions = new ArrayList<>();
            content.get("questions").forEach(q -> questions.add(q.asText()));
            assertTrue(questions.containsAll(List.of("共享充电宝放店里要备案吗", "共享充电宝放在店里需要备案吗",
                    "我电话[手机号]，店里放共享充电宝要不要备案")), questions.toString());
            assertFalse(content.toString().contains("13812345678"));

            body.remove("department");
            assertEquals("missing_department", error(admin.request("POST", "/admin/api/questions/draft", body.toString())));
            body.put("department", "没有这个单位");
            assertEquals("unknown_department", error(admin.request("POST", "/admin/api/questions/draft", body.toString())));
        }
    }

    @Test
    void entriesToAddAPhrasingToAreFoundByTextAndAnEditorSeesOnlyTheirDepartments() {
        try (TestServer server = start()) {
            server.assistant.staff().create("editor1", "editor-password-1".toCharArray(), gov.dadukou.guidance.admin.Role.EDITOR, "区城市管理局");
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            StaffClient editor = StaffClient.login(server, "editor1", "editor-password-1");
            JsonNode found = admin.ok("GET", "/admin/api/questions/targets?q=" + java.net.URLEncoder.encode("营业执照挂在哪里", StandardCharsets.UTF_8), null);
            assertTrue(found.size() > 0 && found.size() <= 10, found.toString());
            assertEquals("scjg-yyzz-xingmu", found.get(0).get("id").asText(), found.toString());
            JsonNode mine = editor.ok("GET", "/admin/api/questions/targets?q=" + java.net.URLEncoder.encode("营业执照挂在哪里", StandardCharsets.UTF_8), null);
            mine.forEach(t -> assertEquals("区城市管理局", t.get("department").asText(), mine.toString()));
            assertEquals(0, admin.ok("GET", "/admin/api/questions/targets?q=", null).size());
        }
    }
}
