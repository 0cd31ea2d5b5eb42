package gov.dadukou.guidance.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.EntryVersion;
import gov.dadukou.guidance.admin.Role;
import gov.dadukou.guidance.admin.StaffService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's gaps, accounts, audit and feedback screens at 1366×900: what staff see and do, that nothing
 * is off-screen, that no browser prompt is used, and that axe finds no serious violation.
 */
class ConsoleGapsPeopleBrowserTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    static final Pattern BEIJING_TIME = Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}");
    static final List<String> ASKED = List.of("共享充电宝放店里要备案吗", "共享充电宝放在店里需要备案吗", "店里放共享充电宝要不要备案",
            "共享充电宝放店里要不要报备");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    TestServer start() {
        return new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD),
                Clock.systemUTC());
    }

    /** Browser prompts hide content and cannot be tested: any use fails the test. */
    static void forbidPrompts(Browser b) {
        b.js("window.prompt = window.confirm = window.alert = function () { window.__prompted = true; return null; };");
    }

    static void assertNoPrompts(Browser b) {
        assertFalse(Boolean.TRUE.equals(b.js("return window.__prompted === true;")), "a browser prompt was used");
    }

    /** Every visible element of the view lies within the window's width, and every visible form control has a usable size. */
    static void assertLaidOut(Browser b, String where) {
        Object problems = b.js("var out = []; var w = document.documentElement.clientWidth;"
                + "document.querySelectorAll('#view *').forEach(function (n) { var r = n.getBoundingClientRect();"
                + "  if (r.width === 0 && r.height === 0) { return; }"
                + "  if (r.left < -1 || r.right > w + 1) { out.push(n.tagName + ' ' + (n.textContent || '').slice(0, 30) + ' ' + r.left + '..' + r.right); }"
                + "  if (/^(INPUT|SELECT|BUTTON|TEXTAREA)$/.test(n.tagName) && n.type !== 'checkbox' && (r.height < 24 || r.width < 24)) {"
                + "    out.push('too small: ' + n.tagName + ' ' + (n.textContent || n.name) + ' ' + r.width + 'x' + r.height); } });"
                + "if (document.documentElement.scrollWidth > w + 1) { out.push('page scrolls sideways: ' + document.documentElement.scrollWidth); }"
                + "return out;");
        assertEquals(List.of(), problems, where);
    }

    static String view(Browser b) {
        return b.driver.findElement(By.id("view")).getText();
    }

    static void openTab(Browser b, String label) {
        b.waitFor(d -> d.findElements(By.xpath("//nav[@id='tabs']/button[normalize-space()='" + label + "']")).size() > 0);
        b.driver.findElement(By.xpath("//nav[@id='tabs']/button[normalize-space()='" + label + "']")).click();
    }

    /** Opens the draft form of the gap about shared power banks and returns the example checkboxes. */
    static List<WebElement> openDraftForm(Browser b) {
        openTab(b, "问题缺口");
        b.waitFor(d -> view(b).contains("共享充电宝"));
        WebElement row = b.driver.findElement(By.xpath("//tr[td[contains(., '共享充电宝')]]"));
        row.findElement(By.xpath(".//button[normalize-space()='新建草稿']")).click();
        b.waitFor(d -> d.findElements(By.cssSelector("#view .panel form input[type=checkbox]")).size() > 0);
        return b.driver.findElements(By.cssSelector("#view .panel form input[type=checkbox]"));
    }

    static String createdDraftId(Browser b) {
        b.waitFor(d -> view(b).contains("已新建草稿"));
        Matcher m = Pattern.compile("已新建草稿 (gap-[0-9a-f]+)").matcher(view(b));
        assertTrue(m.find(), view(b));
        return m.group(1);
    }

    static JsonNode latestContent(TestServer server, String id) throws Exception {
        List<EntryVersion> versions = server.assistant.workflow().history(id);
        return JSON.readTree(versions.get(versions.size() - 1).content());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void anEditorAndAnAdminMakeDraftsFromAGapGroupKeepingEveryExampleWithTheDepartmentFixedOrChosen() throws Exception {
        try (TestServer server = start(); Browser b = Browser.open(1366, 900)) {
            server.assistant.staff().create("editor1", "editor-password-1".toCharArray(), Role.EDITOR, "区城市管理局");
            for (String q : ASKED) {
                assertFalse(server.chat(q, null).get("matched").asBoolean(), "a gap needs an unanswered question: " + q);
            }

            ConsoleBrowserTest.login(b, server.base(), "editor1", "editor-password-1");
            forbidPrompts(b);
            List<WebElement> examples = openDraftForm(b);
            assertEquals(ASKED.size(), examples.size(), "every example of the group is offered as a phrasing");
            assertTrue(examples.stream().allMatch(WebElement::isSelected), "all kept by default");
            String panel = b.driver.findElement(By.cssSelector("#view .panel")).getText();
            assertTrue(panel.contains("实施单位：区城市管理局"), panel);
            assertTrue(b.driver.findElements(By.cssSelector("#view .panel select")).isEmpty(), "an editor has no department to choose");
            assertLaidOut(b, "editor's draft form");
            assertTrue(b.seriousViolations().isEmpty(), "gap draft form: " + b.seriousViolations());
            b.driver.findElement(By.xpath("//*[@id='view']//form//button[normalize-space()='新建草稿']")).click();
            String editorDraft = createdDraftId(b);
            JsonNode content = latestContent(server, editorDraft);
            assertTrue(texts(content.get("questions")).containsAll(ASKED), content.toString());
            assertEquals("区城市管理局", content.get("department").asText());
            assertNoPrompts(b);

            ConsoleBrowserTest.login(b, server.base(), "admin", ADMIN_PASSWORD);
            forbidPrompts(b);
            openDraftForm(b);
            WebElement department = b.driver.findElement(By.cssSelector("#view .panel select"));
            assertTrue(department.isDisplayed() && department.isEnabled());
            b.driver.findElement(By.xpath("//*[@id='view']//form//button[normalize-space()='新建草稿']")).click();
            b.waitFor(d -> view(b).contains("请选择草稿所属的实施单位"));
            new Select(department).selectByVisibleText("区市场监管局");
            assertLaidOut(b, "admin's draft form");
            assertTrue(b.seriousViolations().isEmpty(), "admin's gap draft form: " + b.seriousViolations());
            b.driver.findElement(By.xpath("//*[@id='view']//form//button[normalize-space()='新建草稿']")).click();
            String adminDraft = createdDraftId(b);
            JsonNode adminContent = latestContent(server, adminDraft);
            assertEquals("区市场监管局", adminContent.get("department").asText(), "the department the admin chose");
            assertTrue(texts(adminContent.get("questions")).containsAll(ASKED), adminContent.toString());
            assertNoPrompts(b);
        }
    }

    /**
     * The day from the gap's side: the questions nobody could answer become a draft with all of them as
     * phrasings, the editor writes the answer and submits, the reviewer finds it on top of the queue, approves and
     * publishes it, and the chat then answers each of those questions from it.
     */
    @Test
    void aGapGroupBecomesADraftThatOnceReviewedAndPublishedAnswersTheQuestionsThatMadeIt() throws Exception {
        try (TestServer server = start(); Browser b = Browser.open(1366, 900)) {
            server.assistant.staff().create("editor1", "editor-password-1".toCharArray(), Role.EDITOR, "区城市管理局");
            server.assistant.staff().create("reviewer1", "reviewer-password-1".toCharArray(), Role.REVIEWER, null);
            for (String q : ASKED) {
                assertFalse(server.chat(q, null).get("matched").asBoolean(), "a gap needs an unanswered question: " + q);
            }
            ConsoleBrowserTest.login(b, server.base(), "editor1", "editor-password-1");
            openDraftForm(b);
            b.driver.findElement(By.xpath("//*[@id='view']//form//button[normalize-space()='新建草稿']")).click();
            String draft = createdDraftId(b);

            // The editor opens the draft, writes the answer and its basis in place of the placeholders, and submits.
            b.driver.findElement(By.xpath("//*[@id='view']//button[normalize-space()='打开草稿']")).click();
            ConsoleBrowserTest.clickButton(b, "编辑（新版本）");
            List<WebElement> boxes = b.waitFor(d -> d.findElements(By.cssSelector("#view form textarea")));
            boxes.get(1).clear();
            boxes.get(1).sendKeys("（测试条目）在店内摆放共享充电宝的，按本测试的设定无需备案；如有疑问请咨询区城市管理局或拨打12345。");
            boxes.get(2).clear();
            boxes.get(2).sendKeys("测试依据");
            b.driver.findElement(By.cssSelector("#view form button[type=submit]")).click();
            ReviewDayBrowserTest.waitForStatus(b, "已保存为 v2");
            ConsoleBrowserTest.clickButton(b, "提交审核");
            ReviewDayBrowserTest.waitForStatus(b, "已提交法制审核");

            ConsoleBrowserTest.login(b, server.base(), "reviewer1", "reviewer-password-1");
            b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 1);
            assertEquals(draft, b.driver.findElement(By.cssSelector("#view tbody tr td button")).getText(), "top of the review queue");
            ConsoleBrowserTest.clickButton(b, draft);
            String shown = b.waitFor(d -> d.findElement(By.cssSelector("#view .public-answer"))).findElement(By.cssSelector("div")).getText();
            assertTrue(shown.contains("（测试条目）在店内摆放共享充电宝的"), shown);
            b.driver.findElement(By.id("review-comment")).sendKeys("法制审核通过");
            ConsoleBrowserTest.clickButton(b, "审核通过");
            ReviewDayBrowserTest.waitForStatus(b, "已审核通过");
            ConsoleBrowserTest.clickButton(b, "发布");
            ReviewDayBrowserTest.waitForStatus(b, "已发布 v2");

            for (String q : ASKED) {
                JsonNode chat = server.chat(q, null);
                assertEquals(draft, chat.get("sources").get(0).get("id").asText(), q + " → " + chat);
                assertEquals(shown, chat.get("answer").asText(), "the reviewer approved the very text the public gets");
            }
        }
    }

    @Test
    void anAdminResetsAPasswordAndDeactivatesAnAccountInFormsAndTheAuditViewShowsItInBeijingTime() throws Exception {
        try (TestServer server = start(); Browser b = Browser.open(1366, 900)) {
            StaffService staff = server.assistant.staff();
            staff.create("editor2", "editor-password-2".toCharArray(), Role.EDITOR, "区城市管理局");
            ConsoleBrowserTest.login(b, server.base(), "editor2", "editor-password-2");

            ConsoleBrowserTest.login(b, server.base(), "admin", ADMIN_PASSWORD);
            forbidPrompts(b);
            openTab(b, "账号");
            b.waitFor(d -> view(b).contains("editor2"));
            WebElement row = b.driver.findElement(By.xpath("//tr[td[normalize-space()='editor2']]"));
            assertTrue(BEIJING_TIME.matcher(row.getText()).find(), "last login in Beijing time: " + row.getText());
            assertTrue(row.getText().contains("编辑") && row.getText().contains("有效"), "role and status in Chinese: " + row.getText());
            row.findElement(By.xpath(".//button[normalize-space()='重置密码']")).click();
            b.waitFor(d -> d.findElements(By.cssSelector("#view .panel input[type=password]")).size() == 2);
            List<WebElement> temp = b.driver.findElements(By.cssSelector("#view .panel input[type=password]"));
            temp.get(0).sendKeys("temporary-secret-71");
            temp.get(1).sendKeys("temporary-secret-71");
            assertLaidOut(b, "reset form");
            assertTrue(b.seriousViolations().isEmpty(), "reset form: " + b.seriousViolations());
            b.driver.findElement(By.xpath("//section[contains(@class,'panel')]//button[normalize-space()='重置密码']")).click();
            b.waitFor(d -> view(b).contains("已重置 editor2 的密码"));

            row = b.driver.findElement(By.xpath("//tr[td[normalize-space()='editor2']]"));
            assertTrue(row.getText().contains("待修改密码"), row.getText());
            row.findElement(By.xpath(".//button[normalize-space()='停用']")).click();
            b.waitFor(d -> view(b).contains("停用 editor2？"));
            b.driver.findElement(By.xpath("//section[contains(@class,'panel')]//button[normalize-space()='确认停用']")).click();
            b.waitFor(d -> view(b).contains("已停用账号 editor2"));
            row = b.driver.findElement(By.xpath("//tr[td[normalize-space()='editor2']]"));
            assertTrue(row.getText().contains("已停用"), row.getText());
            assertFalse(staff.accounts().stream().filter(a -> a.username().equals("editor2")).findFirst().orElseThrow().active());
            assertNoPrompts(b);

            openTab(b, "审计日志");
            b.waitFor(d -> view(b).contains("停用账号"));
            List<String> rows = b.driver.findElements(By.cssSelector("#view tbody tr")).stream().map(WebElement::getText).toList();
            assertTrue(rows.stream().anyMatch(r -> r.contains("editor2") && r.contains("登录")), String.join("\n", rows));
            assertTrue(rows.stream().anyMatch(r -> r.contains("admin") && r.contains("重置密码") && r.contains("editor2")), String.join("\n", rows));
            assertTrue(rows.stream().anyMatch(r -> r.contains("admin") && r.contains("停用账号") && r.contains("editor2")), String.join("\n", rows));
            assertTrue(rows.stream().allMatch(r -> BEIJING_TIME.matcher(r).find()), "every row in Beijing time: " + rows);
            assertLaidOut(b, "audit view");
            assertTrue(b.seriousViolations().isEmpty(), "audit view: " + b.seriousViolations());
            WidgetBrowserTest.screenshot(b, "console-audit.png");

            new Select(b.driver.findElement(By.cssSelector("#view form select[name=action]"))).selectByVisibleText("停用账号");
            b.driver.findElement(By.xpath("//*[@id='view']//form//button[normalize-space()='筛选']")).click();
            b.waitFor(d -> view(b).contains("已筛选：1 条记录"));
            List<String> filtered = b.driver.findElements(By.cssSelector("#view tbody tr")).stream().map(WebElement::getText).toList();
            assertEquals(1, filtered.size(), filtered.toString());
            assertTrue(filtered.get(0).contains("停用账号"), filtered.toString());
            String csv = b.driver.findElement(By.xpath("//a[contains(., '导出 CSV')]")).getAttribute("href");
            assertTrue(csv.endsWith("/admin/api/audit.csv?action=deactivate-account"), csv);
        }
    }

    @Test
    void theFeedbackListShowsAMaskedReasonWithTheQuestionThatWasAsked() throws Exception {
        try (TestServer server = start(); Browser b = Browser.open(1366, 900)) {
            server.assistant.staff().create("reviewer1", "reviewer-password-1".toCharArray(), Role.REVIEWER, null);
            String asked = "营业执照要挂出来吗";
            JsonNode answer = server.chat(asked, null);
            assertTrue(answer.get("matched").asBoolean(), answer.toString());
            String body = JSON.createObjectNode().put("entryId", answer.get("sources").get(0).get("id").asText()).put("helpful", false)
                    .put("reason", "打13812345678没人接，答案也没说挂在哪里").put("questionId", answer.get("questionId").asText()).toString();
            assertEquals(201, server.post("/api/feedback", "application/json", body).status());

            ConsoleBrowserTest.login(b, server.base(), "reviewer1", "reviewer-password-1");
            openTab(b, "反馈原因");
            b.waitFor(d -> view(b).contains("没说挂在哪里"));
            WebElement row = b.driver.findElement(By.xpath("//tr[td[contains(., '没说挂在哪里')]]"));
            assertTrue(row.getText().contains("[手机号]") && !row.getText().contains("13812345678"), "masked: " + row.getText());
            assertTrue(row.getText().contains(asked), "with the question asked: " + row.getText());
            assertTrue(BEIJING_TIME.matcher(row.getText()).find(), row.getText());
            assertLaidOut(b, "feedback list");
            assertTrue(b.seriousViolations().isEmpty(), "feedback list: " + b.seriousViolations());
        }
    }
}
