package gov.dadukou.guidance.browser;

import gov.dadukou.guidance.ShippedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "看看我的情况": the no-penalty check walked from a chat answer, on a true 375 px phone in 大字 and by keyboard alone. */
class CheckDialogBrowserTest {
    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.lexical();

    private static String focused(Browser b) {
        return (String) b.js("var a = document.getElementById('ddk-guidance-widget').shadowRoot.activeElement;"
                + "return a == null ? '' : a.className + '|' + a.textContent;");
    }

    private static String question(Browser b) {
        return b.inWidget(".ck .q").getText();
    }

    private static void answer(Browser b, String cls) {
        String before = b.inWidget(".ck [aria-live]").getText();
        b.inWidget(".ck ." + cls).click();
        b.waitFor(d -> !b.inWidget(".ck [aria-live]").getText().equals(before));
    }

    @Test
    void onA375PxPhoneInLargeTextTheCheckAsksOneQuestionAtATimeAndShowsTheOutcome() throws IOException {
        try (Browser b = Browser.open(375, 812)) {
            b.driver.get(shipped.get().base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            assertEquals(375L, ((Number) b.js("return window.innerWidth")).longValue(), "a true 375 px viewport");
            b.inWidget("button.launcher").click();
            b.inWidget("header button[aria-pressed]").click(); // 大字
            WidgetBrowserTest.ask(b, "首违不罚是什么意思");
            WebElement start = b.inWidget(".ck .start");
            b.js("arguments[0].scrollIntoView({block: 'center'})", start);
            assertTrue(start.isDisplayed() && start.getText().equals("看看我的情况"), start.getText());
            start.click();

            assertEquals(1, b.allInWidget(".ck .q").size(), "one question at a time");
            assertTrue(b.inWidget(".ck .step").getText().contains("第1题，共5题"), b.inWidget(".ck .step").getText());
            assertEquals("这个违法行为是否情节轻微？", question(b));
            double panelRight = b.inWidget(".panel").getRect().getX() + b.inWidget(".panel").getRect().getWidth();
            assertTrue(panelRight <= 376, "the panel fits the phone: right edge at " + panelRight);
            for (String cls : new String[] {"yes", "no", "unsure", "restart"}) {
                WebElement button = b.inWidget(".ck ." + cls);
                b.js("arguments[0].scrollIntoView({block: 'center'})", button);
                Rectangle r = button.getRect();
                assertTrue(button.isDisplayed(), cls + " is visible");
                assertTrue(r.getHeight() >= 44 && r.getWidth() >= 44, cls + " is a 44 px target: " + r.getWidth() + "×" + r.getHeight());
                assertTrue(r.getX() >= 0 && r.getX() + r.getWidth() <= panelRight, cls + " lies inside the panel at " + r.getX());
            }
            assertEquals(Boolean.FALSE, b.js("var s = document.getElementById('ddk-guidance-widget').shadowRoot.querySelector('.scroll');"
                    + "return s.scrollWidth > s.clientWidth + 1;"), "nothing scrolls sideways");

            answer(b, "no");                    // 情节轻微？ 否
            assertTrue(question(b).contains("及时改正"), question(b));
            answer(b, "back");                  // 上一题
            assertEquals("这个违法行为是否情节轻微？", question(b), "back returns to the previous question");
            answer(b, "no");
            answer(b, "yes");                   // 及时改正
            answer(b, "no");                    // 没有危害后果？ 否
            answer(b, "yes");                   // 初次
            answer(b, "yes");                   // 后果轻微
            b.waitFor(d -> b.allInWidget(".ck .res h3").size() == 1);
            WebElement result = b.inWidget(".ck .res");
            b.js("arguments[0].scrollIntoView({block: 'start'})", result);
            String text = result.getText();
            assertTrue(text.contains("可以不予处罚的情形（由执法部门决定）"), text);
            assertTrue(text.contains("依据：《行政处罚法》第三十三条第一款"), text);
            assertTrue(text.contains("第四十五条") && text.contains("保留改正的证据"), text);
            assertFalse(text.contains("不会被罚"), text);
            assertTrue(result.isDisplayed() && result.getRect().getWidth() <= 375, "the outcome is visible within the phone's width");
            WidgetBrowserTest.screenshot(b, "check-375-large.png");
            WidgetBrowserTest.assertNoSerious(b.seriousViolations(), "the check on a phone");

            answer(b, "restart");
            assertEquals("这个违法行为是否情节轻微？", question(b), "restart begins again");
        }
    }

    @Test
    void theCheckCanBeWalkedWithTheKeyboardAloneAndAnnouncesEachStep() {
        try (Browser b = Browser.open(1280, 900)) {
            b.driver.get(shipped.get().base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            Actions keys = new Actions(b.driver);
            WidgetBrowserTest.tabTo(b, keys, "button.launcher");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> b.inWidget("textarea").isDisplayed());
            WidgetBrowserTest.ask(b, "没有主观过错也要罚吗");
            WidgetBrowserTest.tabTo(b, keys, ".ck .start");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> focused(b).startsWith("q|"));
            assertTrue(focused(b).contains("主观过错"), "focus moves to the question: " + focused(b));
            assertEquals("polite", b.inWidget(".ck [aria-live]").getAttribute("aria-live"), "each step is announced");

            WidgetBrowserTest.tabTo(b, keys, ".ck .unsure");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> focused(b).startsWith("res|"));
            String outcome = b.inWidget(".ck .res").getText();
            assertTrue(outcome.contains("还说不好") && outcome.contains("12345"), outcome);
            assertTrue(outcome.contains("第三十三条第二款"), outcome);

            WidgetBrowserTest.tabTo(b, keys, ".ck .back");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> focused(b).startsWith("q|"));
            WidgetBrowserTest.tabTo(b, keys, ".ck .yes");
            keys.sendKeys(Keys.ENTER).perform();
            b.waitFor(d -> focused(b).startsWith("res|"));
            assertTrue(b.inWidget(".ck .res h3").getText().contains("法律规定不予处罚的情形"), b.inWidget(".ck .res").getText());
            List<WebElement> steps = b.allInWidget(".ck .res li");
            assertTrue(steps.size() >= 3 && steps.get(1).isDisplayed(), "next steps are listed");
        }
    }
}
