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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From what businesses ask to the knowledge base in one step, and from a department's page to drafts. */
class GapsToEntriesTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    @TempDir
    Path dataDir;

    TestServer start() {
        return new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD),
                Clock.systemUTC());
    }

    @Test
    void aQuestionBecomesAPhrasingOfAnEntryInOneStepAndAnswersOncePublished() {
        try (TestServer server = start()) {
            String asked = "门脸上那张证照是不是非挂不可";
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            admin.ok("POST", "/admin/api/accounts", "{\"username\":\"editor1\",\"password\":\"editor-password-1\",\"role\":\"editor\",\"department\":\"区市场监管局\"}");
            StaffClient editor = StaffClient.login(server, "editor1", "editor-password-1");
            JsonNode v = editor.ok("POST", "/admin/api/questions/phrasing",
                    StaffClient.JSON.createObjectNode().put("entryId", "scjg-yyzz-xingmu").put("question", asked).toString());
            assertEquals(2, v.get("version").asInt());
            editor.ok("POST", "/admin/api/entries/scjg-yyzz-xingmu/submit", null);
            admin.ok("POST", "/admin/api/entries/scjg-yyzz-xingmu/approve", "{\"comment\":\"同意增加问法\"}");
            admin.ok("POST", "/admin/api/entries/scjg-yyzz-xingmu/publish", null);
            JsonNode answer = server.chat(asked, null);
            assertTrue(answer.get("matched").asBoolean(), answer.toString());
            assertEquals("scjg-yyzz-xingmu", answer.get("sources").get(0).get("id").asText());
        }
    }

    @Test
    void anUnansweredQuestionBecomesADraftThatCannotBeSubmittedUntilCompleted() {
        try (TestServer server = start()) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            JsonNode draft = admin.ok("POST", "/admin/api/questions/draft",
                    "{\"question\":\"共享充电宝放店里要备案吗\",\"department\":\"区市场监管局\"}");
            String id = draft.get("entryId").asText();
            assertTrue(draft.get("content").asText().contains("共享充电宝放店里要备案吗"));
            var refused = admin.request("POST", "/admin/api/entries/" + id + "/submit", null);
            assertEquals(400, refused.statusCode());
            assertEquals("draft_incomplete", StaffClient.json(refused).get("error").get("code").asText());
        }
    }

    @Test
    void aDepartmentsCataloguePageIsImportedAsDraftsWithUnreadableRowsReported() throws Exception {
        try (TestServer server = start()) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            String html = Files.readString(Path.of("src/test/resources/import/table-page.html"), StandardCharsets.UTF_8);
            JsonNode result = admin.ok("POST", "/admin/api/import/html",
                    StaffClient.JSON.createObjectNode().put("html", html).put("department", "区城市管理局").toString());
            assertEquals(2, result.get("created").size(), result.toString());
            assertEquals(3, result.get("skipped").size(), result.toString());
            JsonNode list = admin.ok("GET", "/admin/api/entries", null);
            long drafts = 0;
            for (JsonNode e : list) {
                drafts += e.get("latestStatus").asText().equals("draft") ? 1 : 0;
            }
            assertEquals(2, drafts);
        }
    }

    @Test
    void consentRecordsExportAsCsvForReviewersAndTheExportIsAudited() {
        try (TestServer server = start()) {
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            var csv = admin.request("GET", "/admin/api/consents.csv", null);
            assertEquals(200, csv.statusCode());
            assertTrue(csv.body().contains("receipt_id,status"));
            JsonNode audit = admin.ok("GET", "/admin/api/audit", null);
            assertTrue(audit.toString().contains("export-consents"));
        }
    }

    /** A caller reads the receipt code to 12345; staff find that one consent by it, however it was written down. */
    @Test
    void staffFindAConsentByTheReceiptCodeACallerReadsOut() {
        try (TestServer server = start()) {
            int version = server.get("/api/consent/notice").json().get("version").asInt();
            String body = "{\"companyName\":\"回执码查询有限公司\",\"creditCode\":\"91350100M000100Y43\",\"contactName\":\"孙七\","
                    + "\"phone\":\"13812341234\",\"topics\":[\"食品安全\"],\"noticeVersion\":" + version + ",\"agreed\":true}";
            JsonNode receipt = server.post("/api/consents", "application/json", body).json();
            server.post("/api/consents", "application/json", body.replace("13812341234", "13912341234"));
            StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
            String spoken = receipt.get("receiptCode").asText().toLowerCase().replace("-", " ");
            JsonNode found = admin.ok("GET", "/admin/api/consents?code=" + spoken.replace(" ", "%20"), null);
            assertEquals(1, found.size(), found.toString());
            assertEquals(receipt.get("receiptId").asText(), found.get(0).get("receiptId").asText());
            assertEquals("138****1234", found.get(0).get("phone").asText(), "phones stay masked");
            assertEquals(2, admin.ok("GET", "/admin/api/consents", null).size());
        }
    }
}
