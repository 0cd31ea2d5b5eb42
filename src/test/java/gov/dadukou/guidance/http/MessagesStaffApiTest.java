package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staff side of 留言咨询: inboxes, triage, reassignment, reply, approval, the one notice, drafts, the report. */
class MessagesStaffApiTest {
    @TempDir
    Path dir;
    MessageFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new MessageFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static String code(HttpResponse<String> r) {
        return StaffClient.json(r).at("/error/code").asText();
    }

    @Test
    void aRoutedMessageIsInItsDepartmentsInboxWithItsDueDateAndTheContactMasked() {
        JsonNode m = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED + "，我手机13812341234"));
        JsonNode inbox = f.editor().ok("GET", "/admin/api/messages?open=1", null);
        assertEquals(1, inbox.size());
        JsonNode row = inbox.get(0);
        assertEquals(m.get("ticket").asText(), row.get("ticket").asText());
        assertEquals("区市场监管局", row.get("department").asText());
        assertEquals("2026-12-10", row.get("dueDate").asText());
        assertFalse(row.get("overdue").asBoolean());
        assertTrue(row.get("contactKept").asBoolean());
        assertTrue(row.get("question").asText().contains("[手机号]"));
        assertFalse(inbox.toString().contains("13812341234"), "no personal data in the list");
        assertFalse(f.editor().ok("GET", "/admin/api/messages/" + m.get("ticket").asText(), null).toString().contains("13812341234"));
        assertEquals(0, f.otherEditor().ok("GET", "/admin/api/messages", null).size(), "another department sees nothing of it");
        assertEquals("other_department", code(f.otherEditor().request("GET", "/admin/api/messages/" + m.get("ticket").asText(), null)));

        f.clock.advance(Duration.ofDays(9)); // Friday 11 December: past Thursday 10th
        assertTrue(f.editor().ok("GET", "/admin/api/messages", null).get(0).get("overdue").asBoolean());
        assertEquals(1, f.editor().ok("GET", "/admin/api/messages?overdue=1", null).size());
    }

    @Test
    void viewingTheContactIsForTheDepartmentOnlyAndAudited() {
        JsonNode m = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED));
        String path = "/admin/api/messages/" + m.get("ticket").asText() + "/contact";
        JsonNode contact = f.editor().ok("GET", path, null);
        assertEquals("张三", contact.get("contactName").asText());
        assertEquals("13812341234", contact.get("phone").asText());
        assertEquals(403, f.reviewer().request("GET", path, null).statusCode());
        assertEquals(403, f.otherEditor().request("GET", path, null).statusCode());
        JsonNode audit = f.admin().ok("GET", "/admin/api/audit?action=view-message-contact", null);
        assertEquals(1, audit.size(), audit.toString());
        assertEquals("scjg1", audit.get(0).get("username").asText());
        assertEquals("查看留言联系方式", audit.get(0).get("actionLabel").asText());

        f.withToken("POST", "/api/messages/" + m.get("ticket").asText() + "/erase", m.get("token").asText(), null);
        assertEquals("no_contact", code(f.editor().request("GET", path, null)));
        JsonNode anonymous = f.submit(MessageFixture.message(MessageFixture.ROUTED));
        assertEquals(404, f.editor().request("GET", "/admin/api/messages/" + anonymous.get("ticket").asText() + "/contact", null).statusCode());
    }

    @Test
    void aTriagedMessageIsReassignedWithAReasonAndThenRepliedWithoutApprovalWhereTheDepartmentSaysSo() {
        JsonNode m = f.submit(MessageFixture.message(MessageFixture.UNCLEAR));
        String t = "/admin/api/messages/" + m.get("ticket").asText();
        StaffClient admin = f.admin();
        assertEquals(1, admin.ok("GET", "/admin/api/messages?queue=triage", null).size());
        assertEquals("not_assigned", code(admin.request("POST", t + "/reply", MessageFixture.basis())));
        assertEquals("missing_reason", code(admin.request("POST", t + "/assign", "{\"department\":\"区市场监管局\"}")));
        assertEquals("unknown_department", code(admin.request("POST", t + "/assign", "{\"department\":\"不存在局\",\"reason\":\"x\"}")));
        JsonNode assigned = admin.ok("POST", t + "/assign", "{\"department\":\"区市场监管局\",\"reason\":\"涉及食品经营\"}");
        assertEquals("区市场监管局", assigned.at("/summary/department").asText());
        assertTrue(assigned.get("events").toString().contains("待分办 → 区市场监管局：涉及食品经营"));
        assertEquals(0, admin.ok("GET", "/admin/api/messages?queue=triage", null).size());

        assertTrue(admin.ok("GET", "/admin/api/messages/settings", null).toString().contains("\"requiresApproval\":true"));
        assertEquals(403, f.editor().request("POST", "/admin/api/messages/settings", "{\"department\":\"区市场监管局\",\"requiresApproval\":false}").statusCode());
        admin.ok("POST", "/admin/api/messages/settings", "{\"department\":\"区市场监管局\",\"requiresApproval\":false}");
        StaffClient editor = f.editor();
        assertEquals("missing_legal_basis", code(editor.request("POST", t + "/reply", "{\"text\":\"答复\"}")));
        assertEquals("missing_reply", code(editor.request("POST", t + "/reply", "{\"text\":\" \",\"legalBasis\":[{\"law\":\"x\"}]}")));
        assertEquals("invalid_legal_basis", code(editor.request("POST", t + "/reply", "{\"text\":\"答复\",\"legalBasis\":[{\"article\":\"第一条\"}]}")));
        JsonNode replied = editor.ok("POST", t + "/reply", MessageFixture.basis());
        assertEquals("replied", replied.at("/summary/status").asText());
        JsonNode view = f.withToken("GET", "/api/messages/" + m.get("ticket").asText(), m.get("token").asText(), null).json();
        assertEquals("replied", view.get("status").asText());
        assertEquals("《食品经营许可和备案管理办法》", view.at("/reply/legalBasis/0/citation").asText());
        assertEquals(0, f.notices.size(), "an anonymous message is read through the link: nobody to notify");
    }

    @Test
    void aReplyNeedsAReviewersApprovalByDefaultThenShowsAndNotifiesTheContactExactlyOnce() {
        JsonNode m = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED));
        String t = "/admin/api/messages/" + m.get("ticket").asText();
        String status = "/api/messages/" + m.get("ticket").asText();
        StaffClient editor = f.editor();
        assertEquals(403, f.otherEditor().request("POST", t + "/reply", MessageFixture.basis()).statusCode());
        assertEquals(403, f.reviewer().request("POST", t + "/reply", MessageFixture.basis()).statusCode());
        JsonNode pending = editor.ok("POST", t + "/reply", MessageFixture.basis());
        assertEquals("pending_approval", pending.at("/summary/status").asText());
        assertEquals("待审核", pending.at("/summary/statusLabel").asText());
        assertTrue(f.withToken("GET", status, m.get("token").asText(), null).json().get("reply").isNull(), "not public before approval");
        assertEquals("not_replyable", code(editor.request("POST", t + "/reply", MessageFixture.basis())));

        StaffClient reviewer = f.reviewer();
        assertEquals("missing_comment", code(reviewer.request("POST", t + "/return", "{}")));
        JsonNode returned = reviewer.ok("POST", t + "/return", "{\"comment\":\"请补充办理地点\"}");
        assertEquals("退回修改", returned.at("/summary/statusLabel").asText());
        editor.ok("POST", t + "/reply", MessageFixture.basis());
        assertEquals(403, editor.request("POST", t + "/approve", null).statusCode(), "editors do not approve");
        JsonNode approved = reviewer.ok("POST", t + "/approve", null);
        assertEquals("replied", approved.at("/summary/status").asText());
        assertEquals("sent", approved.get("notification").asText());
        assertEquals("not_pending", code(reviewer.request("POST", t + "/approve", null)));

        JsonNode view = f.withToken("GET", status, m.get("token").asText(), null).json();
        assertEquals("replied", view.get("status").asText());
        assertEquals("区市场监管局", view.at("/reply/department").asText());
        assertTrue(view.at("/reply/text").asText().startsWith("食品经营许可证遗失的"));
        assertEquals("2026年12月2日 08:34", view.at("/reply/repliedAtText").asText());

        assertEquals(1, f.notices.size());
        assertEquals("message-reply-" + m.get("ticket").asText(), f.notices.get(0)[0]);
        JsonNode notice = StaffClient.JSON.valueToTree(f.notices.get(0)[1]);
        assertTrue(f.notices.get(0)[1].contains("13812341234"), notice.toString());
        reviewer.ok("POST", t + "/notify", null);
        assertEquals(1, f.notices.size(), "a notice sent is never sent again");

        JsonNode rated = f.withToken("POST", status + "/rating", m.get("token").asText(), "{\"rating\":\"基本满意\",\"reason\":\"请留电话13912345678\"}").json();
        assertEquals("基本满意", rated.at("/rating/rating").asText());
        assertEquals("请留电话[手机号]", rated.at("/rating/reason").asText());
        assertEquals("already_rated", f.withToken("POST", status + "/rating", m.get("token").asText(), "{\"rating\":\"满意\"}").json().at("/error/code").asText());
    }

    @Test
    void aNoticeClaimedByAnotherInstanceIsNotSentAgainUnlessThatClaimWentStale() {
        JsonNode m = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED));
        String t = "/admin/api/messages/" + m.get("ticket").asText();
        f.admin().ok("POST", "/admin/api/messages/settings", "{\"department\":\"区市场监管局\",\"requiresApproval\":false}");
        // Another instance has claimed the notice and is sending it right now.
        f.server.assistant.database().inTransaction(h -> h.execute(
                "INSERT INTO message_notifications (message_id, status, attempts, updated_at) "
                        + "SELECT id, 'sending', 1, ? FROM messages WHERE ticket = ?", f.clock.millis(), m.get("ticket").asText()));
        assertEquals("sending", f.editor().ok("POST", t + "/reply", MessageFixture.basis()).get("notification").asText());
        f.reviewer().ok("POST", t + "/notify", null);
        assertEquals(0, f.notices.size(), "the claim of a live instance is left alone");
        f.clock.advance(Duration.ofMinutes(6)); // that instance stopped mid-send
        assertEquals("sent", f.reviewer().ok("POST", t + "/notify", null).get("notification").asText());
        assertEquals(1, f.notices.size());
        assertEquals("message-reply-" + m.get("ticket").asText(), f.notices.get(0)[0], "the receiver can still drop a repeat by its key");
    }

    @Test
    void aNoticeTheChannelRefusedIsSentAgainByItselfAfterABackOffAndGivenUpAfterFiveAttempts() {
        f.admin().ok("POST", "/admin/api/messages/settings", "{\"department\":\"区市场监管局\",\"requiresApproval\":false}");
        f.answer = 500;
        JsonNode m = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED));
        String t = "/admin/api/messages/" + m.get("ticket").asText();
        assertEquals("failed", f.editor().ok("POST", t + "/reply", MessageFixture.basis()).get("notification").asText());
        assertEquals(1, f.notices.size());
        f.server.assistant.messageDesk().retryNotices();
        assertEquals(1, f.notices.size(), "not again within the back-off");
        f.answer = 200;
        f.clock.advance(Duration.ofMinutes(2));
        f.server.assistant.messageDesk().retryNotices();
        assertEquals(2, f.notices.size());
        assertEquals("sent", f.reviewer().ok("GET", t, null).get("notification").asText());
        f.clock.advance(Duration.ofHours(2));
        f.server.assistant.messageDesk().retryNotices();
        assertEquals(2, f.notices.size(), "a notice sent is never sent again");

        f.answer = 503;
        JsonNode down = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED));
        String d = "/admin/api/messages/" + down.get("ticket").asText();
        f.editor().ok("POST", d + "/reply", MessageFixture.basis());
        for (int i = 0; i < 10; i++) {
            f.clock.advance(Duration.ofHours(2));
            f.server.assistant.messageDesk().retryNotices();
        }
        assertEquals(2 + 5, f.notices.size(), "five attempts in all, then only when staff ask");
        assertEquals("failed", f.reviewer().ok("GET", d, null).get("notification").asText());
        f.answer = 200;
        assertEquals("sent", f.reviewer().ok("POST", d + "/notify", null).get("notification").asText(), "staff can still send it");
    }

    @Test
    void aReviewerCannotApproveTheirOwnReply() {
        JsonNode m = f.submit(MessageFixture.message(MessageFixture.ROUTED));
        String t = "/admin/api/messages/" + m.get("ticket").asText();
        StaffClient admin = f.admin();
        admin.ok("POST", t + "/reply", MessageFixture.basis());
        assertEquals("own_reply", code(admin.request("POST", t + "/approve", null)));
    }

    @Test
    void aWithdrawnMessageIsNeverNotified() {
        JsonNode m = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED));
        String t = "/admin/api/messages/" + m.get("ticket").asText();
        f.editor().ok("POST", t + "/reply", MessageFixture.basis());
        f.withToken("POST", "/api/messages/" + m.get("ticket").asText() + "/withdraw", m.get("token").asText(), null);
        assertEquals("not_pending", code(f.reviewer().request("POST", t + "/approve", null)));
        assertEquals("no_contact", code(f.editor().request("GET", t + "/contact", null)));
        assertEquals(0, f.notices.size());
    }

    @Test
    void aReplyBecomesADraftEntryOnceThroughTheNormalWorkflowAndTheReportCountsIt() {
        JsonNode m = f.submit(MessageFixture.withCallback(MessageFixture.ROUTED));
        String t = "/admin/api/messages/" + m.get("ticket").asText();
        StaffClient editor = f.editor();
        assertEquals("not_replied", code(editor.request("POST", t + "/draft", null)));
        editor.ok("POST", t + "/reply", MessageFixture.basis());
        f.reviewer().ok("POST", t + "/approve", null);
        f.withToken("POST", "/api/messages/" + m.get("ticket").asText() + "/rating", m.get("token").asText(), "{\"rating\":\"满意\"}");
        JsonNode draft = editor.ok("POST", t + "/draft", null);
        String entryId = draft.get("entryId").asText();
        assertTrue(entryId.startsWith("msg-"), entryId);
        assertEquals("draft_exists", code(editor.request("POST", t + "/draft", null)));
        JsonNode history = editor.ok("GET", "/admin/api/entries/" + entryId, null);
        JsonNode content = history.get(history.size() - 1);
        assertEquals("draft", content.get("status").asText(), content.toString());
        assertTrue(content.toString().contains(MessageFixture.ROUTED), "the question is the phrasing");
        assertTrue(content.toString().contains("食品经营许可证遗失的"), "the reply is the answer");

        JsonNode report = f.reviewer().ok("GET", "/admin/api/report", null).get("messages");
        JsonNode district = report.at("/rows/0");
        assertEquals("全区", district.get("department").asText());
        assertEquals(1, district.get("received").asInt());
        assertEquals(1, district.get("replied").asInt());
        assertEquals(1.0, district.get("onTimeRate").asDouble());
        assertEquals(0.0, district.get("medianReplyHours").asDouble());
        assertEquals(1, district.get("satisfied").asInt());
        assertEquals(1.0, district.get("satisfaction").asDouble());
        assertEquals(1, district.get("drafts").asInt());
        assertEquals("区市场监管局", report.at("/rows/1/department").asText());
        HttpResponse<String> csv = f.admin().request("GET", "/admin/api/report.csv", null);
        assertTrue(csv.body().contains("message_department,received,replied,replied_on_time,on_time_rate"), csv.body());
        assertTrue(csv.body().contains("\r\n全区,1,1,1,1.000,0.0,1,0,0,1.000,0,1\r\n"), csv.body());
    }

    @Test
    void everyMessageRouteRefusesStrangersAndForgedRequests() {
        JsonNode m = f.submit(MessageFixture.message(MessageFixture.ROUTED));
        String t = "/admin/api/messages/" + m.get("ticket").asText();
        assertEquals(401, StaffClient.send(f.server, "GET", "/admin/api/messages", null, null, null).statusCode());
        assertEquals(401, StaffClient.send(f.server, "GET", t, null, null, null).statusCode());
        StaffClient editor = f.editor();
        assertEquals(403, StaffClient.send(f.server, "POST", t + "/reply", editor.cookie(), null, MessageFixture.basis()).statusCode(),
                "without the CSRF token");
        assertEquals("message_not_found", code(editor.request("GET", "/admin/api/messages/2026-0101-0001", null)));
    }
}
