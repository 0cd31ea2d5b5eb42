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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's queues, the public preview, the return reason, template text and staff verification, through the API. */
class ReviewQueuesApiTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    static final String MARKED = "rsj-gongzi-anshi-zuee";

    @TempDir
    Path dataDir;

    TestServer start() {
        return new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD),
                Clock.systemUTC());
    }

    record Staff(StaffClient admin, StaffClient editor, StaffClient reviewer) {
    }

    static Staff staff(TestServer server) {
        StaffClient admin = StaffClient.login(server, "admin", ADMIN_PASSWORD);
        admin.ok("POST", "/admin/api/accounts", "{\"username\":\"editor1\",\"password\":\"editor-password-1\",\"role\":\"editor\",\"department\":\"区人力社保局\"}");
        admin.ok("POST", "/admin/api/accounts", "{\"username\":\"reviewer1\",\"password\":\"reviewer-password-1\",\"role\":\"reviewer\"}");
        return new Staff(admin, StaffClient.login(server, "editor1", "editor-password-1"), StaffClient.login(server, "reviewer1", "reviewer-password-1"));
    }

    static ObjectNode entry(String id, String answer) {
        ObjectNode e = StaffClient.JSON.createObjectNode().put("id", id).put("kind", "行政指导事项").put("title", "测试条目" + id)
                .put("answer", answer).put("department", "区人力社保局").put("method", "提示提醒").put("reviewed", "2026-11-27");
        e.putArray("questions").add("测试问法一" + id).add("测试问法二" + id).add("测试问法三" + id).add("测试问法四" + id);
        e.putArray("legalBasis").addObject().put("law", "劳动合同法");
        return e;
    }

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    static String code(HttpResponse<String> r) {
        return r.statusCode() + " " + StaffClient.json(r).get("error").get("code").asText();
    }

    @Test
    void theReviewQueueListsSubmittedVersionsOldestFirstAndReturnedOnesGoBackToTheirAuthorWithTheReason() {
        try (TestServer server = start()) {
            Staff s = staff(server);
            for (String id : List.of("rsj-test-first", "rsj-test-second")) {
                s.editor.ok("POST", "/admin/api/entries", entry(id, "测试答案：" + id).toString());
                s.editor.ok("POST", "/admin/api/entries/" + id + "/submit", null);
            }
            JsonNode queue = s.reviewer.ok("GET", "/admin/api/queue?view=review", null);
            assertEquals(List.of("rsj-test-first", "rsj-test-second"), ids(queue), "oldest first");
            assertNotNull(queue.get("items").get(0).get("submittedAt").asText(null), "the age is known");
            assertEquals(2, s.reviewer.ok("GET", "/admin/api/queue/counts", null).get("review").asInt());

            assertEquals("400 missing_comment", code(s.reviewer.request("POST", "/admin/api/entries/rsj-test-first/reject", "{\"comment\":\"  \"}")));
            assertEquals("400 missing_comment", code(s.reviewer.request("POST", "/admin/api/entries/rsj-test-first/reject", null)));
            s.reviewer.ok("POST", "/admin/api/entries/rsj-test-first/reject", "{\"comment\":\"请写明投诉渠道\"}");

            JsonNode returned = s.editor.ok("GET", "/admin/api/queue?view=returned", null);
            assertEquals(List.of("rsj-test-first"), ids(returned));
            assertEquals("请写明投诉渠道", returned.get("items").get(0).get("reviewComment").asText());
            assertEquals(List.of("rsj-test-second"), ids(s.reviewer.ok("GET", "/admin/api/queue?view=review", null)));
            assertEquals(List.of(), ids(s.reviewer.ok("GET", "/admin/api/queue?view=returned", null)), "returned to its author only");
        }
    }

    @Test
    void theAdminListFiltersBySearchTextAndMarkAndPages() {
        try (TestServer server = start()) {
            Staff s = staff(server);
            JsonNode all = s.admin.ok("GET", "/admin/api/queue?view=all&size=20&page=2", null);
            assertEquals(20, all.get("items").size());
            assertTrue(all.get("total").asInt() > 200, all.get("total").toString());
            JsonNode marked = s.admin.ok("GET", "/admin/api/queue?view=all&marked=yes&size=200", null);
            long shipped = server.assistant.knowledgeBase().entries().stream().filter(e -> e.verify() != null).count();
            assertTrue(shipped > 100, "the shipped base has its staff-verification marks: " + shipped);
            assertEquals(shipped, marked.get("total").asLong(), "every shipped entry with a staff-verification mark");
            marked.get("items").forEach(i -> assertFalse(i.get("verify").isNull()));
            JsonNode byAnswer = s.admin.ok("GET", "/admin/api/queue?view=all&q=" + java.net.URLEncoder.encode("支付令", java.nio.charset.StandardCharsets.UTF_8), null);
            assertTrue(ids(byAnswer).contains(MARKED), byAnswer.toString());
            // Latin letters match in either case on SQLite and PostgreSQL alike; % and _ are taken literally.
            JsonNode byUpperId = s.admin.ok("GET", "/admin/api/queue?view=all&q=" + MARKED.toUpperCase(java.util.Locale.ROOT), null);
            assertTrue(ids(byUpperId).contains(MARKED), byUpperId.toString());
            assertEquals(0, s.admin.ok("GET", "/admin/api/queue?view=all&q=rsj_gongzi", null).get("total").asInt(), "_ is no wildcard");
            JsonNode editorsMarks = s.editor.ok("GET", "/admin/api/queue?view=verify&department=区市场监管局&size=200", null);
            editorsMarks.get("items").forEach(i -> assertEquals("区人力社保局", i.get("department").asText(), "an editor's own department"));
            assertTrue(ids(editorsMarks).contains(MARKED));
            assertEquals("400 invalid_view", code(s.admin.request("GET", "/admin/api/queue?view=everything", null)));
        }
    }

    @Test
    void thePreviewIsExactlyTheTextTheChatGivesThePublic() {
        try (TestServer server = start()) {
            Staff s = staff(server);
            JsonNode history = s.admin.ok("GET", "/admin/api/entries/" + MARKED, null);
            JsonNode preview = s.admin.ok("GET", "/admin/api/entries/" + MARKED + "/preview?version=1", null);
            JsonNode chat = server.chat("单位拖欠工资怎么办", null);
            assertEquals(MARKED, chat.get("sources").get(0).get("id").asText(), chat.toString());
            assertEquals(chat.get("answer").asText(), preview.get("answer").asText());
            assertEquals(chat.get("sources"), preview.get("sources"));
            assertTrue(preview.get("answer").asText().contains("法律依据："));
            assertEquals(1, history.size());
        }
    }

    @Test
    void aTemplatesInstructionIsNeverStoredAsDataAndCannotBeSubmittedOrApproved() {
        try (TestServer server = start()) {
            Staff s = staff(server);
            JsonNode draft = s.admin.ok("POST", "/admin/api/questions/draft", "{\"question\":\"拖欠工资能找谁\",\"department\":\"区人力社保局\"}");
            assertFalse(draft.get("content").asText().contains("\"verify\""), draft.get("content").asText());
            ObjectNode old = entry("rsj-test-instruction", "测试答案：完整的答案。");
            old.put("verify", "由未答问题生成：请补全答案、问法和法律依据后再提交审核");
            s.editor.ok("POST", "/admin/api/entries", old.toString());
            HttpResponse<String> refused = s.editor.request("POST", "/admin/api/entries/rsj-test-instruction/submit", null);
            assertEquals("400 draft_incomplete", code(refused));
            assertTrue(StaffClient.json(refused).get("error").get("message").asText().contains("填写提示"));
        }
    }

    @Test
    void aConfirmedVerificationGoesThroughReviewAndThePublishedVersionLosesTheCatalogueBadge() {
        try (TestServer server = start()) {
            Staff s = staff(server);
            assertTrue(badge(server), "shipped with the mark");
            JsonNode initial = figures(s.admin);
            assertEquals("400 invalid_verification", code(s.editor.request("POST", "/admin/api/entries/" + MARKED + "/verification",
                    "{\"checked\":\"受理窗口\",\"source\":\"\",\"sourceDate\":\"2026-11-20\"}")));
            JsonNode v = s.editor.ok("POST", "/admin/api/entries/" + MARKED + "/verification",
                    "{\"checked\":\"投诉和仲裁受理窗口与区人力社保局办事指南一致\",\"source\":\"区人力社保局办事指南\",\"sourceDate\":\"2026-11-20\"}");
            assertEquals("submitted", v.get("status").asText());
            assertEquals("区人力社保局办事指南", v.get("verification").get("source").asText());
            assertFalse(v.get("content").asText().contains("\"verify\""));
            assertEquals("409 in_review", code(s.editor.request("POST", "/admin/api/entries/" + MARKED + "/verification",
                    "{\"checked\":\"再次\",\"source\":\"指南\",\"sourceDate\":\"2026-11-20\"}")));
            JsonNode before = figures(s.admin);
            assertEquals(1, before.get("inReview").asInt());
            assertEquals(initial.get("waiting").asInt() - 1, before.get("waiting").asInt(), "no longer waiting for an editor");
            assertTrue(ids(s.reviewer.ok("GET", "/admin/api/queue?view=review", null)).contains(MARKED));
            assertTrue(badge(server), "still marked while in review");

            s.reviewer.ok("POST", "/admin/api/entries/" + MARKED + "/approve", "{\"comment\":\"核实依据充分\"}");
            s.reviewer.ok("POST", "/admin/api/entries/" + MARKED + "/publish", null);
            assertFalse(badge(server), "the badge is gone once the verified version is live");
            JsonNode after = figures(s.admin);
            assertEquals(1, after.get("verified").asInt());
            assertEquals(0, after.get("inReview").asInt());
            assertEquals(initial.get("waiting").asInt() - 1, after.get("waiting").asInt());
        }
    }

    static JsonNode figures(StaffClient admin) {
        for (JsonNode d : admin.ok("GET", "/admin/api/report?weeks=1", null).get("verification")) {
            if (d.get("department").asText().equals("区人力社保局")) {
                return d;
            }
        }
        throw new AssertionError("no verification figures for 区人力社保局");
    }

    static boolean badge(TestServer server) {
        for (JsonNode dept : server.get("/api/catalogue").json().get("departments")) {
            for (JsonNode item : dept.findValues("items")) {
                for (JsonNode i : item) {
                    if (i.get("id").asText().equals(MARKED)) {
                        return i.get("needsVerification").asBoolean();
                    }
                }
            }
        }
        throw new AssertionError("not in the catalogue: " + MARKED);
    }

    @Test
    void theReviewersPreviewOfAnOverviewOffersItsStepsAsThePublicSeesThemAndNamesStepsNotPublished() {
        try (TestServer server = start()) {
            Staff s = staff(server);
            String overview = "scjg-kaiban-canyindian-shouxu";
            JsonNode shipped = s.reviewer.ok("GET", "/admin/api/entries/" + overview + "/preview?version=1", null);
            JsonNode chat = server.chat(server.assistant.entries().get(overview).orElseThrow().questions().get(0), null);
            assertEquals(chat.get("answer"), shipped.get("answer"), "the same text the chat gives");
            assertEquals(chat.get("suggestions"), shipped.get("suggestions"), "the steps as the chat offers them, in order");
            assertTrue(shipped.get("suggestions").size() >= 5, shipped.toString());
            assertEquals(0, shipped.get("unpublishedSteps").size());

            ObjectNode draft = entry("rsj-test-overview", "测试答案：分几步办理。");
            draft.putArray("related").add("rsj-gongzi-anshi-zuee").add("rsj-test-not-yet");
            s.editor.ok("POST", "/admin/api/entries", entry("rsj-test-not-yet", "测试答案：第二步。").toString());
            s.editor.ok("POST", "/admin/api/entries", draft.toString());
            JsonNode preview = s.editor.ok("GET", "/admin/api/entries/rsj-test-overview/preview?version=1", null);
            assertEquals(1, preview.get("suggestions").size(), "a step not published is left out, as the chat leaves it out: " + preview);
            assertEquals("[\"rsj-test-not-yet\"]", preview.get("unpublishedSteps").toString());
        }
    }

    @Test
    void theDeliveryLogShowsEarlierDeliveriesEvenWithDeliveryOffAndOnlyToReviewersAndAdmins() {
        try (TestServer server = start()) {
            Staff s = staff(server);
            assertEquals(0, s.reviewer.ok("GET", "/admin/api/deliveries", null).size());
            String now = java.time.Instant.now().toString();
            server.assistant.database().transaction(c -> {
                try (var ps = c.prepareStatement("INSERT INTO reminder_deliveries (credit_code, receipt_id, reminder_id, season, status, "
                        + "attempts, next_attempt_at, created_at, finished_at) VALUES ('91500104MA5U000001', 'r1', 'tx-nianbao-qijian', 2026, "
                        + "'sent', 1, ?, ?, ?)")) {
                    ps.setString(1, now);
                    ps.setString(2, now);
                    ps.setString(3, now);
                    ps.executeUpdate();
                }
                return null;
            });
            JsonNode log = s.reviewer.ok("GET", "/admin/api/deliveries", null);
            assertEquals(1, log.size(), "a row of an earlier configuration is still shown: " + log);
            assertEquals("sent", log.get(0).get("status").asText());
            assertEquals(403, s.editor.request("GET", "/admin/api/deliveries", null).statusCode());
        }
    }

    @Test
    void theDeliveryLogPagesNewestFirstFiltersByStatusAndCountsTheWholeOutbox() {
        try (TestServer server = start()) {
            Staff s = staff(server);
            assertEquals("{\"pending\":0,\"sent\":0,\"failed\":0,\"cancelled\":0}",
                    s.reviewer.ok("GET", "/admin/api/deliveries/counts", null).toString());
            String now = java.time.Instant.now().toString();
            String[] statuses = {"sent", "failed", "sent", "pending", "failed", "cancelled", "sent"};
            server.assistant.database().transaction(c -> {
                try (var ps = c.prepareStatement("INSERT INTO reminder_deliveries (credit_code, receipt_id, reminder_id, season, status, "
                        + "attempts, next_attempt_at, created_at, finished_at) VALUES (?, ?, 'tx-nianbao-qijian', 2026, ?, 1, ?, ?, ?)")) {
                    for (int i = 0; i < statuses.length; i++) {
                        ps.setString(1, "91500104MA5U00000" + i);
                        ps.setString(2, "r" + i);
                        ps.setString(3, statuses[i]);
                        ps.setString(4, now);
                        ps.setString(5, now);
                        ps.setString(6, statuses[i].equals("pending") ? null : now);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
            assertEquals("{\"pending\":1,\"sent\":3,\"failed\":2,\"cancelled\":1}",
                    s.reviewer.ok("GET", "/admin/api/deliveries/counts", null).toString());

            List<String> all = receipts(s.reviewer.ok("GET", "/admin/api/deliveries", null));
            assertEquals(List.of("r6", "r5", "r4", "r3", "r2", "r1", "r0"), all, "without parameters: the latest rows, newest first");
            JsonNode first = s.reviewer.ok("GET", "/admin/api/deliveries?size=3", null);
            assertEquals(List.of("r6", "r5", "r4"), receipts(first));
            long last = first.get(2).get("id").asLong();
            assertEquals(List.of("r3", "r2", "r1"), receipts(s.reviewer.ok("GET", "/admin/api/deliveries?size=3&before=" + last, null)),
                    "the next page starts below the last id shown");
            assertEquals(List.of("r4", "r1"), receipts(s.reviewer.ok("GET", "/admin/api/deliveries?status=failed", null)));
            assertEquals(List.of("r1"), receipts(s.reviewer.ok("GET", "/admin/api/deliveries?status=failed&before=" + last, null)));

            assertEquals("400 invalid_status", code(s.reviewer.request("GET", "/admin/api/deliveries?status=lost", null)));
            assertEquals("400 invalid_before", code(s.reviewer.request("GET", "/admin/api/deliveries?before=abc", null)));
            assertEquals("400 invalid_before", code(s.reviewer.request("GET", "/admin/api/deliveries?before=0", null)));
            assertEquals("400 invalid_size", code(s.reviewer.request("GET", "/admin/api/deliveries?size=501", null)));
            assertTrue(StaffClient.json(s.reviewer.request("GET", "/admin/api/deliveries?status=lost", null)).get("error").get("message")
                    .asText().contains("status"), "the message names the parameter");
            assertEquals(403, s.editor.request("GET", "/admin/api/deliveries/counts", null).statusCode());
        }
    }

    static List<String> receipts(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("receiptId").asText()));
        return out;
    }
}
