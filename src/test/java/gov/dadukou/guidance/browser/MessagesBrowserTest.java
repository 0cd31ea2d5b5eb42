package gov.dadukou.guidance.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.Role;
import gov.dadukou.guidance.admin.StaffService;
import gov.dadukou.guidance.chat.ChatReply;
import gov.dadukou.guidance.messages.MessageService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static gov.dadukou.guidance.browser.WidgetBrowserTest.assertNoSerious;
import static gov.dadukou.guidance.browser.WidgetBrowserTest.screenshot;
import static gov.dadukou.guidance.browser.WidgetLayoutBrowserTest.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17's "done when", walked in the browser: a business asks what the assistant cannot answer, leaves a message
 * with a call-back number and gets a ticket; the message is in the right department's inbox with its due date (five
 * working days, skipping a configured closure); an editor replies, a reviewer approves, the status page shows the
 * reply, the local webhook receiver gets exactly one notice, the business rates it; the reply becomes a draft entry
 * that, once published, answers the same question in the chat. Withdrawal and erasure work, another token cannot
 * read the message, and the figures show the counts.
 */
class MessagesBrowserTest {
    static final String QUESTION = "食品经营许可证丢了怎么补办";
    static final String REPLY = "食品经营许可证遗失的，可以向原发证部门申请补办，补办后的许可证编号和有效期不变。";
    static final String ADMIN_PASSWORD = "first-admin-password-1";

    @TempDir
    Path dataDir;

    @Test
    void aBusinessLeavesAMessageTheDepartmentRepliesAndTheReplyBecomesAnAnswer() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            notices.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        // Wednesday 2 December 2026, 08:34 in Beijing; Monday 7 December configured as a closure.
        TestClock clock = new TestClock(Instant.parse("2026-12-02T00:34:00Z"));
        AppConfig config = AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD)
                .withMessages(new AppConfig.Messages(5, List.of(LocalDate.of(2026, 12, 7))))
                .withDelivery(new AppConfig.Delivery(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                        null, 3, Duration.ofSeconds(60)));
        try (TestServer server = new TestServer(config, clock); Browser b = device(375, 812, 2, true)) {
            server.assistant.staff().create("scjg1", "editor-password-1".toCharArray(), Role.EDITOR, "区市场监管局");
            server.assistant.staff().create("lawyer1", "lawyer-password-1".toCharArray(), Role.REVIEWER, null);

            // 1. The business asks; the assistant is not sure and offers 留言给部门 under its reply.
            b.driver.get(server.base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            b.inWidget("button.launcher").click();
            WebElement box = b.inWidget(".ask textarea");
            box.sendKeys(QUESTION);
            b.inWidget(".ask button").click();
            WebElement leave = b.waitFor(d -> b.allInWidget(".leave button").stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
            assertTrue(leave.getRect().getHeight() >= 44 && leave.getRect().getWidth() >= 44, "a proper tap target");
            leave.click();
            WebElement question = b.waitFor(d -> b.allInWidget(".msgs textarea").stream().findFirst().orElse(null));
            assertEquals(QUESTION, question.getAttribute("value"), "the question comes prefilled");
            WebElement agree = b.inWidget("#ddk-msg-agree");
            assertFalse(agree.isSelected(), "the call-back box starts unchecked");
            assertFalse(b.inWidget("input[type=tel]").isDisplayed(), "no phone field until the business wants a call-back");
            assertTrue(b.inWidget(".msgs .notice").getText().contains("只用于承办部门就本条留言回复您"), "the purpose-bound notice");
            assertFalse(b.inWidget(".ask").isDisplayed(), "the form takes the place of the conversation");
            agree.click();
            List<WebElement> fields = b.allInWidget(".msgs input[type=text], .msgs input[type=tel]");
            fields.get(0).sendKeys("重庆某某餐饮有限公司");
            b.inWidget(".msgs input[autocomplete=name]").sendKeys("张三");
            b.inWidget(".msgs input[type=tel]").sendKeys("138 1234 1234");
            assertNoSerious(b.seriousViolations(), "message form");
            screenshot(b, "widget-message-form.png");
            b.inWidget(".msgs button[type=submit]").click();

            // 2. The receipt: a ticket to read out, the promised date in working days, the private link.
            b.waitFor(d -> b.inWidget(".msgs").getText().contains("留言已提交"));
            String ticket = b.inWidget(".msgs .ticket").getText();
            assertTrue(ticket.matches("2026-1202-\\d{4}"), ticket);
            String receipt = b.inWidget(".msgs").getText();
            assertTrue(receipt.contains("2026年12月10日前（5个工作日"), "Thu 3, Fri 4, (Mon 7 closed) Tue 8, Wed 9, Thu 10: " + receipt);
            assertTrue(receipt.contains("已分派至区市场监管局办理"), receipt);
            String link = b.inWidget(".msgs a.open").getAttribute("href");
            assertTrue(link.startsWith(server.base() + "/messages/" + ticket + "?token="), link);
            assertTrue(b.inWidget(".msgs a.open").getRect().getHeight() >= 44);
            screenshot(b, "widget-message-receipt.png");

            // 3. The department's inbox, with the due date; the editor replies.
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            b.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
            login(b, server.base(), "scjg1", "editor-password-1");
            ConsoleBrowserTest.clickButton(b, "留言");
            WebElement row = b.waitFor(d -> d.findElements(By.xpath("//tr[td[normalize-space()='" + ticket + "']]")).stream().findFirst().orElse(null));
            assertTrue(row.getText().contains("2026年12月10日") && row.getText().contains("区市场监管局"), row.getText());
            assertFalse(b.driver.findElement(By.id("view")).getText().contains("13812341234"), "no phone in the list");
            row.findElement(By.xpath(".//button[normalize-space()='处理']")).click();
            WebElement reply = b.waitFor(d -> d.findElement(By.cssSelector("form.reply textarea")));
            reply.sendKeys(REPLY);
            b.driver.findElement(By.cssSelector("form.reply .basis input")).sendKeys("食品经营许可和备案管理办法");
            assertNoSerious(b.seriousViolations(), "console message");
            b.driver.findElement(By.cssSelector("form.reply button[type=submit]")).click();
            b.waitFor(d -> rowText(b, ticket).contains("待审核"));
            assertEquals(0, notices.size(), "nothing goes out before approval");

            // 4. The reviewer approves; exactly one notice reaches the webhook.
            login(b, server.base(), "lawyer1", "lawyer-password-1");
            ConsoleBrowserTest.clickButton(b, "留言");
            b.waitFor(d -> d.findElements(By.xpath("//tr[td[normalize-space()='" + ticket + "']]//button")).size() == 1);
            b.driver.findElement(By.xpath("//tr[td[normalize-space()='" + ticket + "']]//button")).click();
            ConsoleBrowserTest.clickButton(b, "审核通过并发布");
            b.waitFor(d -> notices.size() == 1);
            assertTrue(notices.get(0).contains(ticket) && notices.get(0).contains("13812341234"), notices.get(0));

            // 5. The status page shows the reply; the business rates it.
            b.driver.get(link);
            b.waitFor(d -> d.findElement(By.id("reply-card")).isDisplayed());
            String page = b.driver.findElement(By.tagName("main")).getText();
            assertTrue(page.contains(REPLY) && page.contains("《食品经营许可和备案管理办法》") && page.contains("区市场监管局"), page);
            assertTrue(page.contains("2026年12月2日 08:34"), "Beijing time: " + page);
            for (String id : new String[] {"withdraw", "print", "rate-send"}) {
                assertTrue(b.driver.findElement(By.id(id)).getRect().getHeight() >= 44, id);
            }
            WebElement satisfied = b.driver.findElement(By.xpath("//label[contains(@class,'choice')][normalize-space()='满意']"));
            assertTrue(satisfied.getRect().getHeight() >= 44, "a rating is a proper tap target");
            satisfied.click();
            b.driver.findElement(By.id("rate-send")).click();
            b.waitFor(d -> d.findElement(By.id("done")).getText().contains("感谢您的评价"));
            assertFalse(b.driver.findElement(By.id("rate-card")).isDisplayed(), "rated once");
            assertNoSerious(b.seriousViolations(), "message status page");
            screenshot(b, "message-page.png");

            // 6. Another token cannot read it.
            b.driver.get(server.base() + "/messages/" + ticket + "?token=not-the-token");
            b.waitFor(d -> d.findElement(By.id("message")).getText().contains("查询凭证不正确"));
            assertFalse(b.driver.findElement(By.id("reply-card")).isDisplayed());

            // 7. The reply becomes a draft in one click, goes through review, and then answers in the chat.
            login(b, server.base(), "scjg1", "editor-password-1");
            ConsoleBrowserTest.clickButton(b, "留言");
            b.waitFor(d -> d.findElements(By.cssSelector("form.filters input[type=checkbox]")).size() > 0);
            b.driver.findElements(By.cssSelector("form.filters input[type=checkbox]")).get(0).click(); // show replied ones too
            b.waitFor(d -> d.findElements(By.xpath("//tr[td[normalize-space()='" + ticket + "']]//button")).size() == 1);
            b.driver.findElement(By.xpath("//tr[td[normalize-space()='" + ticket + "']]//button")).click();
            ConsoleBrowserTest.clickButton(b, "转为知识库草稿");
            String made = b.waitFor(d -> {
                String t = d.findElement(By.cssSelector("#msg-detail [role=status]")).getText();
                return t.contains("已生成草稿") ? t : null;
            });
            String entryId = made.replaceAll(".*已生成草稿 (msg-[0-9a-f]+).*", "$1");
            publish(server, entryId);
            ChatReply answer = server.assistant.chat().ask(QUESTION, null);
            assertTrue(answer.matched() && answer.sources().get(0).id().equals(entryId), answer.toString());

            // 8. Withdrawal and erasure of another message, from its link alone.
            var second = server.assistant.messages().submit(new MessageService.Request(QUESTION + "？另问一下", null, null, null,
                    "李四", "13912345678", true, 1));
            b.driver.get(server.base() + second.statusUrl());
            b.waitFor(d -> d.findElement(By.id("erase")).isDisplayed());
            b.driver.findElement(By.id("erase")).click();
            b.driver.findElement(By.id("confirm-yes")).click();
            b.waitFor(d -> d.findElement(By.id("done")).getText().contains("已删除"));
            assertTrue(b.driver.findElement(By.id("message")).getText().contains("联系方式\n已删除")
                    || b.driver.findElement(By.id("message")).getText().contains("已删除"));
            b.driver.findElement(By.id("withdraw")).click();
            b.driver.findElement(By.id("confirm-yes")).click();
            b.waitFor(d -> d.findElement(By.id("done")).getText().contains("留言已撤回"));
            assertFalse(b.driver.findElement(By.id("withdraw")).isDisplayed());

            // 9. The figures: two received, one replied on time, one satisfied, one draft.
            login(b, server.base(), "lawyer1", "lawyer-password-1");
            ConsoleBrowserTest.clickButton(b, "留言");
            WebElement district = b.waitFor(d -> d.findElements(By.xpath("//section[@aria-label='留言统计']//tr[td[1][normalize-space()='全区']]"))
                    .stream().findFirst().orElse(null));
            List<String> cells = district.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("全区", "2", "1", "100%"), cells.subList(0, 4), cells.toString());
            assertEquals("1/0/0", cells.get(5));
            assertEquals("1", cells.get(8));
            assertEquals(1, notices.size(), "still exactly one notice");
        } finally {
            receiver.stop(0);
        }
    }

    /** The inbox row of {@code ticket} as text; empty while the list is being redrawn. */
    static String rowText(Browser b, String ticket) {
        try {
            return b.driver.findElement(By.xpath("//tr[td[normalize-space()='" + ticket + "']]")).getText();
        } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    /** {@link ConsoleBrowserTest#login}, saying what the page shows when it fails. */
    static void login(Browser b, String base, String user, String password) {
        b.driver.get(base + "/admin/"); // the session cookie's path is /admin: deleted only from a page under it
        try {
            ConsoleBrowserTest.login(b, base, user, password);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("login " + user + " at " + b.driver.getCurrentUrl() + ": " + b.driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** What staff do in the entry screens, done through the same workflow: complete the phrasings, review, publish. */
    static void publish(TestServer server, String entryId) throws Exception {
        StaffService staff = server.assistant.staff();
        StaffService.Account editor = staff.login("scjg1", "editor-password-1".toCharArray(), "127.0.0.1").account();
        StaffService.Account reviewer = staff.login("lawyer1", "lawyer-password-1".toCharArray(), "127.0.0.1").account();
        var history = server.assistant.workflow().history(entryId);
        ObjectNode fields = (ObjectNode) new ObjectMapper().readTree(history.get(history.size() - 1).content());
        ArrayNode questions = fields.putArray("questions");
        questions.add(QUESTION).add("食品经营许可证遗失了如何补办").add("食品经营许可证找不到了怎么办").add("补办食品经营许可证找哪个部门");
        server.assistant.workflow().revise(editor, entryId, fields);
        server.assistant.workflow().submit(editor, entryId);
        server.assistant.workflow().approve(reviewer, entryId, "依据核对无误");
        server.assistant.workflow().publish(reviewer, entryId);
    }
}
