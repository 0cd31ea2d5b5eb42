package gov.dadukou.guidance.browser;

import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The widget in a real browser, on a host page with hostile CSS, by mouse and by keyboard. */
class WidgetBrowserTest {
    static final String HOSTILE_CSS = "* { color: #f0f !important; font-family: serif !important; line-height: 3 !important;"
            + " letter-spacing: 4px !important; box-sizing: content-box !important; }"
            + " button { background: yellow !important; padding: 30px !important; border: 9px dashed red !important; }"
            + " section, form, textarea, input, p { display: none !important; } div { margin: 50px !important; }";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path xssDataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.shipped(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void openHostilePage(Browser b, String base) {
        b.driver.get(base + "/");
        b.js("var s = document.createElement('style'); s.textContent = arguments[0]; document.head.appendChild(s);", HOSTILE_CSS);
        b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
    }

    static int botMessages(Browser b) {
        return b.allInWidget(".msg.bot").size();
    }

    static String lastBotText(Browser b) {
        List<WebElement> bots = b.allInWidget(".msg.bot");
        return bots.get(bots.size() - 1).getText();
    }

    static void ask(Browser b, String question) {
        int before = botMessages(b);
        WebElement input = b.inWidget("textarea");
        input.sendKeys(question);
        input.sendKeys(Keys.ENTER);
        b.waitFor(d -> botMessages(b) > before);
    }

    @Test
    void onAHostilePageTheWholeFlowWorks() {
        try (Browser b = Browser.open(1280, 900)) {
            openHostilePage(b, server.base());
            b.inWidget("button.launcher").click();
            assertTrue(b.inWidget("textarea").isDisplayed(), "host CSS must not hide the widget's fields");

            ask(b, "营业执照要挂出来吗");
            assertTrue(lastBotText(b).contains("醒目位置"), lastBotText(b));

            int before = botMessages(b);
            List<WebElement> chips = b.allInWidget(".chip");
            WebElement chip = chips.get(chips.size() - 1);
            chip.click();
            b.waitFor(d -> botMessages(b) > before);

            List<WebElement> helpful = b.allInWidget(".fb button");
            helpful.get(helpful.size() - 2).click(); // 有帮助 of the latest answer
            b.waitFor(d -> b.allInWidget(".fb [role=status]").size() >= 1);

            subscribeAndWithdraw(b);
        }
    }

    static void subscribeAndWithdraw(Browser b) {
        b.allInWidget(".foot button").get(0).click();
        b.waitFor(d -> b.allInWidget(".sub form").size() == 1);
        assertTrue(b.inWidget(".sub .notice").getText().contains("告知书"));
        List<WebElement> text = b.allInWidget(".sub form input[type=text], .sub form input[type=tel]");
        text.get(0).sendKeys("浏览器测试有限公司");
        text.get(1).sendKeys("91350100M000100Y43");
        text.get(2).sendKeys("张三");
        text.get(3).sendKeys("13812341234");
        List<WebElement> boxes = b.allInWidget(".sub form input[type=checkbox]");
        WebElement agree = b.inWidget(".sub input.agree");
        assertFalse(agree.isSelected(), "the consent box starts unchecked");
        boxes.get(0).click();
        agree.click();
        b.inWidget(".sub form button[type=submit]").click();
        b.waitFor(d -> b.inWidget(".sub").getText().contains("回执码"));
        b.inWidget(".sub button.primary").click();
        b.waitFor(d -> b.inWidget(".sub").getText().contains("已撤回同意"));
    }

    /** Presses Tab until the widget's focused element matches {@code selector}; fails after 60 presses. */
    static void tabTo(Browser b, Actions keys, String selector) {
        for (int i = 0; i < 60; i++) {
            keys.sendKeys(Keys.TAB).perform();
            if (Boolean.TRUE.equals(b.js("var r = document.getElementById('ddk-guidance-widget').shadowRoot;"
                    + "return r.activeElement != null && r.activeElement.matches(arguments[0]);", selector))) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + selector);
    }

    @Test
    void everythingCanBeDoneWithTheKeyboardAlone() {
        try (Browser b = Browser.open(1280, 900)) {
            b.driver.get(server.base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            Actions keys = new Actions(b.driver);
            tabTo(b, keys, "button.launcher");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> "TEXTAREA".equals(b.js("return document.getElementById('ddk-guidance-widget').shadowRoot.activeElement.tagName")));
            int before = botMessages(b);
            keys.sendKeys("企业年报什么时候报").sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> botMessages(b) > before);
            assertTrue(lastBotText(b).contains("6月30日"), lastBotText(b));
            assertEquals("polite", b.inWidget(".log").getAttribute("aria-live"), "answers are announced");

            int beforeChip = botMessages(b);
            tabTo(b, keys, ".chip");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> botMessages(b) > beforeChip);

            tabTo(b, keys, ".fb button");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> b.allInWidget(".fb [role=status]").size() >= 1);

            tabTo(b, keys, ".foot button");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> b.allInWidget(".sub form").size() == 1);
            b.waitFor(d -> "INPUT".equals(b.js("return document.getElementById('ddk-guidance-widget').shadowRoot.activeElement.tagName")));
            keys.sendKeys("键盘测试有限公司").sendKeys(Keys.TAB).sendKeys("91110000100017643K").sendKeys(Keys.TAB)
                    .sendKeys("李四").sendKeys(Keys.TAB).sendKeys("13912345678").perform();
            tabTo(b, keys, ".sub input[type=checkbox]");
            keys.sendKeys(Keys.SPACE).perform();
            tabTo(b, keys, ".sub input.agree");
            keys.sendKeys(Keys.SPACE).perform();
            tabTo(b, keys, ".sub button[type=submit]");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> b.inWidget(".sub").getText().contains("回执码"));
            tabTo(b, keys, ".sub button.primary");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> b.inWidget(".sub").getText().contains("已撤回同意"));

            tabTo(b, keys, ".sub button");
            keys.sendKeys(Keys.ESCAPE).perform();
            b.waitFor(d -> b.inWidget(".panel").getAttribute("hidden") != null);
            assertEquals(Boolean.TRUE, b.js("return document.getElementById('ddk-guidance-widget').shadowRoot.activeElement.classList.contains('launcher')"),
                    "closing returns focus to the launcher");
        }
    }

    @Test
    void theWithdrawalLinkFromTheReceiptWithdrawsInOneStep() {
        try (Browser b = Browser.open(1280, 900)) {
            b.driver.get(server.base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            b.inWidget("button.launcher").click();
            b.allInWidget(".foot button").get(0).click();
            b.waitFor(d -> b.allInWidget(".sub form").size() == 1);
            List<WebElement> text = b.allInWidget(".sub form input[type=text], .sub form input[type=tel]");
            text.get(0).sendKeys("链接测试有限公司");
            text.get(1).sendKeys("91500104MA5UABCD1D");
            text.get(2).sendKeys("王五");
            text.get(3).sendKeys("13712345678");
            List<WebElement> boxes = b.allInWidget(".sub form input[type=checkbox]");
            boxes.get(1).click();
            b.inWidget(".sub input.agree").click();
            b.inWidget(".sub form button[type=submit]").click();
            b.waitFor(d -> b.allInWidget(".sub a.manage").size() == 1);
            String link = b.inWidget(".sub a.manage").getAttribute("href");
            b.driver.get(link);
            b.waitFor(d -> d.findElement(By.id("record")).getText().contains("有效"));
            b.driver.findElement(By.id("withdraw")).click();
            b.waitFor(d -> d.findElement(By.id("record")).getText().contains("已撤回"));
        }
    }

    @Test
    void theLargeTextModeIsRememberedOnTheNextVisit() {
        try (Browser b = Browser.open(1280, 900)) {
            b.driver.get(server.base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            b.inWidget("button.launcher").click();
            b.inWidget("header button").click(); // 大字
            assertEquals("true", b.inWidget("header button").getAttribute("aria-pressed"));
            b.js("sessionStorage.clear()"); // a new visit: the conversation is gone, the setting is not
            b.driver.navigate().refresh();
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            assertEquals(Boolean.TRUE, b.js("return document.getElementById('ddk-guidance-widget').shadowRoot.querySelector('.large') !== null"));
        }
    }

    @Test
    void markupInAQuestionIsShownAsTextAndNeverRuns() {
        try (Browser b = Browser.open(1280, 900)) {
            b.driver.get(server.base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            b.inWidget("button.launcher").click();
            String payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
            ask(b, payload);
            List<WebElement> users = b.allInWidget(".msg.user");
            assertEquals(payload, users.get(users.size() - 1).getText());
            assertNull(b.js("return window.__xss"));
            assertEquals(0, b.allInWidget("img, script:not([src])").size());
        }
    }

    @Test
    void markupInAnEntryIsShownAsTextAndNeverRuns() {
        try (TestServer hostile = new TestServer(xssDataDir, Path.of("src/test/resources/kb-xss"));
             Browser b = Browser.open(1280, 900)) {
            b.driver.get(hostile.base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            b.inWidget("button.launcher").click();
            ask(b, "恶意条目测试问题");
            String text = lastBotText(b);
            assertTrue(text.contains("<script>window.__xssAnswer=1</script>"), text);
            for (String flag : new String[] {"__xssTitle", "__xssAnswer", "__xssLaw", "__xssContact", "__xssQuestion"}) {
                assertNull(b.js("return window." + flag), flag);
            }
            assertEquals(0, b.allInWidget("img, svg, b").size());
        }
    }

    @Test
    void noSeriousAccessibilityViolationsOnTheDemoPageTheOpenWidgetOrTheCatalogue() throws IOException {
        try (Browser b = Browser.open(1280, 900)) {
            b.driver.get(server.base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            assertNoSerious(b.seriousViolations(), "demo page");
            b.inWidget("button.launcher").click();
            ask(b, "营业执照要挂出来吗");
            assertNoSerious(b.seriousViolations(), "widget open with an answer");
            b.driver.get(server.base() + "/catalogue");
            b.waitFor(d -> !d.findElements(By.cssSelector("section.dept")).isEmpty());
            assertNoSerious(b.seriousViolations(), "catalogue");
        }
    }

    @Test
    void worksOnA320PixelWideScreen() throws IOException {
        try (Browser b = Browser.open(320, 640)) {
            b.driver.get(server.base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            b.inWidget("button.launcher").click();
            ask(b, "营业执照要挂出来吗");
            Number panelWidth = (Number) b.js("return document.getElementById('ddk-guidance-widget').shadowRoot.querySelector('.panel').getBoundingClientRect().width");
            Number viewport = (Number) b.js("return document.documentElement.clientWidth");
            assertTrue(panelWidth.doubleValue() <= viewport.doubleValue() + 1, panelWidth + " > " + viewport);
            screenshot(b, "widget-320.png");

            // Small talk: a fixed reply, then the common questions to go on with, all inside the panel.
            ask(b, "你能做什么");
            assertTrue(lastBotText(b).contains("行政指导智能助手"), lastBotText(b));
            List<WebElement> chips = b.allInWidget(".chips");
            WebElement starters = chips.get(chips.size() - 1);
            assertTrue(starters.isDisplayed() && starters.getText().contains("营业执照要挂出来吗"), starters.getText());
            double right = ((Number) b.js("return arguments[0].getBoundingClientRect().right", starters)).doubleValue();
            assertTrue(right <= viewport.doubleValue() + 1, "the common questions stay on the screen: " + right);
            // Asking for a person: where a person is, and the form to leave a message for the department.
            ask(b, "转人工");
            assertTrue(lastBotText(b).contains("12345"), lastBotText(b));
            List<WebElement> leave = b.allInWidget(".leave button");
            assertTrue(!leave.isEmpty() && leave.get(leave.size() - 1).isDisplayed(), "留言给部门 is offered");
        }
    }

    /**
     * The subscription form is a form to fill in, on a phone and on a desktop: its fields stacked one per
     * line at nearly the panel's width, labels readable on one or two lines, 提交 an ordinary button inside
     * the panel, and the question box hidden while it is shown (answers cannot go to a hidden conversation).
     */
    @Test
    void theSubscriptionFormStacksItsFieldsAndHidesTheQuestionBox() throws IOException {
        for (int[] size : new int[][] {{375, 812}, {1366, 900}}) {
            try (Browser b = Browser.open(size[0], size[1])) {
                b.driver.get(server.base() + "/");
                b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
                b.inWidget("button.launcher").click();
                b.allInWidget(".foot button").get(0).click();
                b.waitFor(d -> b.allInWidget(".sub form").size() == 1);
                String where = size[0] + "×" + size[1] + ": ";
                double formWidth = b.inWidget(".sub form").getRect().getWidth();
                assertTrue(formWidth >= 250, where + "form " + formWidth + " px wide");
                List<WebElement> fields = b.allInWidget(".sub form input[type=text], .sub form input[type=tel]");
                assertEquals(5, fields.size(), where + "company, credit code, contact, phone, code");
                int lastTop = -1;
                for (WebElement field : fields) {
                    org.openqa.selenium.Rectangle r = field.getRect();
                    assertTrue(r.getWidth() >= 0.8 * formWidth, where + "a field " + r.getWidth() + " px wide in a " + formWidth + " px form");
                    assertTrue(r.getY() > lastTop, where + "fields are stacked, one per line");
                    lastTop = r.getY();
                }
                for (WebElement label : b.allInWidget(".sub form .field label")) {
                    assertTrue(label.getRect().getWidth() >= 0.8 * formWidth, where + "label " + label.getText() + " is "
                            + label.getRect().getWidth() + " px wide");
                }
                WebElement submit = b.inWidget(".sub form button[type=submit]");
                b.js("arguments[0].scrollIntoView({block: 'center'})", submit);
                org.openqa.selenium.Rectangle button = submit.getRect();
                org.openqa.selenium.Rectangle panel = b.inWidget(".panel").getRect();
                assertTrue(button.getHeight() <= 64 && button.getWidth() <= formWidth, where + "提交 is " + button.getWidth()
                        + "×" + button.getHeight());
                assertTrue(button.getX() >= panel.getX() && button.getX() + button.getWidth() <= panel.getX() + panel.getWidth(),
                        where + "提交 lies inside the panel");
                assertTrue(submit.isDisplayed() && submit.getText().contains("提交"), where + "提交 is visible with its label");
                assertFalse(b.inWidget("textarea").isDisplayed(), where + "the question box is hidden under the subscription");
                assertFalse(b.inWidget(".log").isDisplayed(), where + "the conversation is hidden under the subscription");
                screenshot(b, "subscribe-" + size[0] + ".png");
            }
        }
    }

    /**
     * On a phone with large text an answer is several screens tall: it opens at its first line, not its
     * last, and the conversation keeps at least half the screen (the reminders fold to one line, the note
     * and the subscribe line scroll with the conversation).
     */
    @Test
    void aLongAnswerOpensAtItsStartOnAPhoneWithLargeText() throws IOException {
        try (Browser b = Browser.open(375, 667)) {
            b.driver.get(server.base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            b.inWidget("button.launcher").click();
            b.inWidget("header button[aria-pressed]").click(); // 大字
            ask(b, "营业执照要挂出来吗");
            List<WebElement> bots = b.allInWidget(".msg.bot");
            WebElement answer = bots.get(bots.size() - 1);
            screenshot(b, "large-text-375.png");
            org.openqa.selenium.Rectangle log = b.inWidget(".scroll").getRect();
            org.openqa.selenium.Rectangle top = answer.getRect();
            // Headless Chromium keeps windows at least 500 px wide, so the viewport is measured, not assumed.
            double viewport = ((Number) b.js("return window.innerHeight")).doubleValue();
            assertTrue(log.getHeight() >= 0.45 * viewport, "large text leaves the conversation " + log.getHeight() + " px of " + viewport);
            assertTrue(top.getHeight() > log.getHeight(), "the answer is taller than the conversation area: "
                    + top.getHeight() + " vs " + log.getHeight());
            assertTrue(top.getY() >= log.getY() - 1 && top.getY() <= log.getY() + 40,
                    "the answer's first line is at the top of the conversation: answer at " + top.getY() + ", area at " + log.getY());
        }
    }

    static void assertNoSerious(List<Map<String, Object>> violations, String where) {
        assertTrue(violations.isEmpty(), where + ": " + violations);
    }

    /** Saves a screenshot when {@code -Dscreenshots=DIR} is given (used to refresh docs/screenshots). */
    static void screenshot(Browser b, String name) throws IOException {
        String dir = System.getProperty("screenshots");
        if (dir != null) {
            Path shot = b.driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of(dir).resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
