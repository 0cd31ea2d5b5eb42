package gov.dadukou.guidance.browser;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static gov.dadukou.guidance.browser.ConsoleBrowserTest.clickButton;
import static gov.dadukou.guidance.browser.ConsoleBrowserTest.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A legal reviewer's and an editor's day in the console, at 1366×900: a change is drafted and submitted, found at the
 * top of the review queue, read as the public will read it with a Chinese diff, returned with a reason, fixed,
 * approved and published, and answered by the chat; a verification-marked entry is confirmed and, once published,
 * loses its catalogue badge.
 */
class ReviewDayBrowserTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    static final String CHANGED = "rsj-weifa-jiechu-peichangjin";
    static final String MARKED = "rsj-gongzi-anshi-zuee";
    static final String ADDED = "测试补充：协商不成的可以申请劳动争议仲裁。";
    static final String FIXED = "测试补充：协商不成的，可以向劳动人事争议仲裁委员会申请仲裁。";
    static final String OVERVIEW = "scjg-kaiban-canyindian-shouxu";
    static final String PHRASING = "老板违法把我辞退了能要多少赔偿金";

    @TempDir
    Path dataDir;

    @Test
    void aReviewerFindsReturnsAndApprovesAChangeAndAConfirmedVerificationLosesItsBadge() throws IOException {
        try (TestServer server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false)
                .withAdminPassword(ADMIN_PASSWORD), Clock.systemUTC());
             Browser b = Browser.open(1366, 900)) {
            server.assistant.staff().create("editor1", "editor-password-1".toCharArray(), Role.EDITOR, "区人力社保局");
            server.assistant.staff().create("reviewer1", "reviewer-password-1".toCharArray(), Role.REVIEWER, null);
            String base = server.base();

            // The editor changes a published entry: one sentence more in the answer, one phrasing more.
            login(b, base, "editor1", "editor-password-1");
            b.waitFor(d -> d.findElement(By.cssSelector("#view h2")).getText().startsWith("我的草稿"));
            clickButton(b, "条目");
            search(b, CHANGED);
            clickButton(b, CHANGED);
            clickButton(b, "编辑（新版本）");
            WebElement answer = b.driver.findElements(By.cssSelector("#view form textarea")).get(1);
            answer.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), ADDED);
            b.driver.findElements(By.cssSelector("#view form textarea")).get(0).sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\n" + PHRASING);
            b.driver.findElement(By.cssSelector("#view form button[type=submit]")).click();
            waitForStatus(b, "已保存为 v2");
            clickButton(b, "提交审核");
            waitForStatus(b, "已提交法制审核");

            // The reviewer lands on the queue, the change on top, and opens it with N.
            login(b, base, "reviewer1", "reviewer-password-1");
            b.waitFor(d -> tab(b, "q-review").getText().equals("待审核（1）"));
            b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 1);
            assertEquals(CHANGED, b.driver.findElement(By.cssSelector("#view tbody tr td button")).getText(), "top of the queue");
            new Actions(b.driver).sendKeys("n").perform();
            WebElement preview = b.waitFor(d -> d.findElement(By.cssSelector("#view .public-answer")));
            String shown = preview.findElement(By.cssSelector("div")).getText();
            assertTrue(shown.contains(ADDED) && shown.contains("法律依据：") && shown.contains("实施单位：区人力社保局"), shown);
            assertTrue(preview.getText().contains("来源：法规解读·违法解除或终止劳动合同"), preview.getText());
            WebElement diff = b.waitFor(d -> d.findElement(By.cssSelector("#view table.diff")));
            List<String> fields = diff.findElements(By.cssSelector("tbody tr td:first-child")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("问法", "答案"), fields, "Chinese field names, only what changed");
            assertTrue(diff.findElements(By.tagName("ins")).stream().anyMatch(i -> i.getText().contains("协商不成的可以申请劳动争议仲裁")),
                    "the added words are marked");
            assertTrue(b.driver.findElement(By.id("view")).getText().contains("快捷键：N 下一条"), "the shortcuts are said on the page");
            assertLaidOut(b);
            assertTrue(b.seriousViolations().isEmpty(), "review page: " + b.seriousViolations());
            b.js("window.scrollTo(0, 0)");
            WidgetBrowserTest.screenshot(b, "console-review.png");

            // Returning needs a reason; with one, it goes back to the editor.
            clickButton(b, "退回修改");
            b.waitFor(d -> d.findElement(By.cssSelector(".review-form [role=alert]")).getText().contains("退回需要写明理由"));
            b.driver.findElement(By.id("review-comment")).sendKeys("请写明仲裁委员会的名称");
            clickButton(b, "退回修改");
            waitForStatus(b, "已退回给作者");

            login(b, base, "editor1", "editor-password-1");
            b.waitFor(d -> tab(b, "q-returned").getText().equals("退回给我（1）"));
            b.waitFor(d -> d.findElement(By.cssSelector("#view h2")).getText().startsWith("我的草稿"));
            tab(b, "q-returned").click();
            b.waitFor(d -> d.findElement(By.id("view")).getText().contains("请写明仲裁委员会的名称"));
            clickButton(b, CHANGED);
            b.waitFor(d -> d.findElement(By.cssSelector("#view .notice")).getText().contains("退回，理由：请写明仲裁委员会的名称"));
            clickButton(b, "修改后重新提交（新版本）");
            answer = b.driver.findElements(By.cssSelector("#view form textarea")).get(1);
            String text = answer.getAttribute("value").replace(ADDED, FIXED);
            answer.clear();
            answer.sendKeys(text);
            b.driver.findElement(By.cssSelector("#view form button[type=submit]")).click();
            waitForStatus(b, "已保存为 v3");
            clickButton(b, "提交审核");
            waitForStatus(b, "已提交法制审核");

            login(b, base, "reviewer1", "reviewer-password-1");
            b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 1);
            clickButton(b, CHANGED);
            preview = b.waitFor(d -> d.findElement(By.cssSelector("#view .public-answer")));
            shown = preview.findElement(By.cssSelector("div")).getText();
            b.driver.findElement(By.id("review-comment")).sendKeys("法制审核通过");
            clickButton(b, "审核通过");
            waitForStatus(b, "已审核通过");
            clickButton(b, "发布");
            waitForStatus(b, "已发布 v3");

            JsonNode chat = server.chat(PHRASING, null);
            assertEquals(CHANGED, chat.get("sources").get(0).get("id").asText(), chat.toString());
            assertEquals(shown, chat.get("answer").asText(), "the reviewer approved the very text the public gets");

            // The editor confirms a marked entry of their department; after review it is published without the badge.
            assertTrue(badge(server), "shipped with the mark");
            login(b, base, "editor1", "editor-password-1");
            b.waitFor(d -> d.findElement(By.cssSelector("#view h2")).getText().startsWith("我的草稿"));
            tab(b, "q-verify").click();
            b.waitFor(d -> d.findElement(By.cssSelector("#view h2")).getText().startsWith("带待核实标记的条目"));
            List<String> departments = b.driver.findElements(By.cssSelector("#view tbody tr td:nth-child(3)")).stream().map(WebElement::getText).distinct().toList();
            assertEquals(List.of("区人力社保局"), departments, "an editor's verification queue is their department's");
            clickButton(b, MARKED);
            WebElement form = b.waitFor(d -> d.findElement(By.xpath("//form[.//h3[text()='核实确认']]")));
            List<WebElement> inputs = form.findElements(By.cssSelector("textarea, input"));
            inputs.get(0).sendKeys("投诉和仲裁的受理窗口");
            inputs.get(1).sendKeys("区人力社保局办事指南");
            b.js("arguments[0].value = '2026-11-20'", inputs.get(2));
            form.findElement(By.cssSelector("button[type=submit]")).click();
            waitForStatus(b, "已确认核实");

            login(b, base, "reviewer1", "reviewer-password-1");
            b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 1);
            clickButton(b, MARKED);
            b.waitFor(d -> d.findElement(By.cssSelector("#view .notice")).getText().contains("来源：区人力社保局办事指南（2026-11-20）"));
            WebElement verifyDiff = b.waitFor(d -> d.findElement(By.cssSelector("#view table.diff")));
            assertTrue(verifyDiff.getText().startsWith("字段") && verifyDiff.getText().contains("待核实说明"), verifyDiff.getText());
            b.driver.findElement(By.id("review-comment")).sendKeys("核实依据充分");
            clickButton(b, "审核通过");
            waitForStatus(b, "已审核通过");
            clickButton(b, "发布");
            waitForStatus(b, "已发布");
            assertFalse(badge(server), "the catalogue's 待核实 badge is gone");

            // An overview's preview lists its steps as the widget offers them, inside the public answer's box.
            clickButton(b, "条目");
            search(b, OVERVIEW);
            clickButton(b, OVERVIEW);
            b.waitFor(d -> d.findElements(By.cssSelector("#view .public-answer ul.steps li")).size() >= 5);
            JsonNode offered = server.chat(server.assistant.entries().get(OVERVIEW).orElseThrow().questions().get(0), null).get("suggestions");
            List<WebElement> steps = b.driver.findElements(By.cssSelector("#view .public-answer ul.steps li"));
            assertEquals(offered.size(), steps.size(), "every step the chat offers");
            assertEquals(offered.get(0).asText(), steps.get(0).getText(), "in the chat's words and order");
            Rectangle box = b.driver.findElement(By.cssSelector("#view .public-answer")).getRect();
            for (WebElement step : steps) {
                Rectangle r = step.getRect();
                assertTrue(step.isDisplayed() && r.height > 0 && r.x >= box.x && r.x + r.width <= box.x + box.width,
                        "a step inside the answer's box: " + r.x + "+" + r.width + " in " + box.x + "+" + box.width);
            }
        }
    }

    static WebElement tab(Browser b, String id) {
        return b.waitFor(d -> d.findElement(By.cssSelector("#tabs button[data-tab='" + id + "']")));
    }

    static void search(Browser b, String text) {
        WebElement box = b.waitFor(d -> d.findElement(By.cssSelector("#view form.filters input[type=search]")));
        box.sendKeys(text);
        b.driver.findElement(By.xpath("//button[normalize-space()='筛选']")).click();
        b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 1);
    }

    static void waitForStatus(Browser b, String text) {
        // Read in the page: the view is redrawn after each action, so element handles go stale.
        b.waitFor(d -> Boolean.TRUE.equals(b.js("var t = arguments[0]; return Array.prototype.some.call("
                + "document.querySelectorAll('#view [role=status]'), function (e) { return e.textContent.indexOf(t) >= 0; });", text)));
    }

    /** Nothing sticks out sideways; the review form's comment box is wide enough to write in and its buttons are visible. */
    @SuppressWarnings("unchecked")
    static void assertLaidOut(Browser b) {
        Map<String, Object> r = (Map<String, Object>) b.js(
                "var w = document.documentElement.clientWidth, out = [];"
                        + "document.querySelectorAll('#view *').forEach(function (e) { var r = e.getBoundingClientRect();"
                        + "  if (r.width > 0 && (r.right > w + 1 || r.left < -1)) { out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.left) + '–' + Math.round(r.right)); } });"
                        + "var c = document.getElementById('review-comment').getBoundingClientRect();"
                        + "var btns = Array.prototype.map.call(document.querySelectorAll('.review-form button'), function (x) { var q = x.getBoundingClientRect(); return q.width > 40 && q.height > 20; });"
                        + "var p = document.querySelector('.public-answer').getBoundingClientRect();"
                        + "return {off: out, scrollW: document.documentElement.scrollWidth, w: w, comment: c.width, commentH: c.height,"
                        + "  buttons: btns, answerW: p.width, answerTop: p.top};");
        assertEquals(List.of(), r.get("off"), "elements off-screen sideways");
        assertTrue(((Number) r.get("scrollW")).intValue() <= ((Number) r.get("w")).intValue(), "no horizontal scroll: " + r);
        assertTrue(((Number) r.get("comment")).doubleValue() >= 400 && ((Number) r.get("commentH")).doubleValue() >= 50, "comment box usable: " + r);
        assertEquals(List.of(true, true), r.get("buttons"), "approve and return buttons are there to press");
        assertTrue(((Number) r.get("answerW")).doubleValue() >= 300, "the public answer is readable: " + r);
        assertTrue(((Number) r.get("answerTop")).doubleValue() < 900, "the public answer is in the first screen: " + r);
    }

    static boolean badge(TestServer server) {
        for (JsonNode dept : server.get("/api/catalogue").json().get("departments")) {
            for (JsonNode items : dept.findValues("items")) {
                for (JsonNode i : items) {
                    if (i.get("id").asText().equals(MARKED)) {
                        return i.get("needsVerification").asBoolean();
                    }
                }
            }
        }
        throw new AssertionError("not in the catalogue: " + MARKED);
    }
}
