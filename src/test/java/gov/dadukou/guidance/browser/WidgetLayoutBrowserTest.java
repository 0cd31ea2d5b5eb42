package gov.dadukou.guidance.browser;

import gov.dadukou.guidance.ShippedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static gov.dadukou.guidance.browser.WidgetBrowserTest.ask;
import static gov.dadukou.guidance.browser.WidgetBrowserTest.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The widget as people see it, measured: at 375×812 (a phone, touch), 1366×900 (a desktop) and 1366×900
 * at 200 % browser zoom, each with and without 大字. Screen sizes are set with the DevTools command
 * {@code Emulation.setDeviceMetricsOverride}, because headless Chromium keeps windows at least ~500 px
 * wide; 200 % zoom is emulated the way a browser zooms, as a viewport of half the CSS pixels (683×450) at
 * a device scale factor of 2, so media queries, {@code vh} and layout all see what a zoomed browser
 * shows (CSS {@code zoom} on the body would leave {@code 100vh} and the media queries at 1366 px).
 */
class WidgetLayoutBrowserTest {
    static final String ROOT = "var r = document.getElementById('ddk-guidance-widget').shadowRoot;";
    /** What one look at the open widget measures (CSS pixels). */
    static final String MEASURE = ROOT
            + "function box(n) { var q = n.getBoundingClientRect(); return {top: q.top, bottom: q.bottom, left: q.left, right: q.right,"
            + "  width: q.width, height: q.height}; }"
            + "var widest = 0; r.querySelectorAll('.panel *').forEach(function (n) {"
            + "  var q = n.getBoundingClientRect(); if (q.width > 0 && q.height > 0) { widest = Math.max(widest, q.right); } });"
            + "var small = []; r.querySelectorAll(arguments[0]).forEach(function (n) {"
            + "  var q = n.getBoundingClientRect(); if (q.width > 0 && (q.width < 44 || q.height < 44)) {"
            + "    small.push(n.textContent.trim().slice(0, 12) + ' ' + Math.round(q.width) + '×' + Math.round(q.height)); } });"
            + "var bots = r.querySelectorAll('.msg.bot'); var s = r.querySelector('.scroll');"
            + "return {viewport: window.innerWidth, pageWidth: document.documentElement.scrollWidth, panel: box(r.querySelector('.panel')),"
            + "  scroll: box(s), scrollOverflow: s.scrollWidth - s.clientWidth, answer: box(bots[bots.length - 1]), widest: widest, small: small};";
    static final String TAP_TARGETS = "header button, .foot button, .chip, .banner .toggle, .banner .x, .ask button";

    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.withDense();

    /** A browser showing a {@code width}×{@code height} CSS-pixel viewport at {@code scale}; a phone has touch. */
    static Browser device(int width, int height, double scale, boolean phone) {
        Browser b = Browser.open(1366, 900);
        b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", phone));
        if (phone) {
            b.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        }
        return b;
    }

    static void open(Browser b) {
        b.driver.get(shipped.get().base() + "/");
        b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
        b.inWidget("button.launcher").click();
        b.waitFor(d -> b.allInWidget(".msg.bot").size() >= 1);
    }

    @SuppressWarnings("unchecked")
    static void assertRoomToRead(Browser b, String where) {
        Map<String, Object> m = (Map<String, Object>) b.js(MEASURE, TAP_TARGETS);
        double viewport = num(m.get("viewport"));
        Map<String, Object> panel = (Map<String, Object>) m.get("panel");
        Map<String, Object> scroll = (Map<String, Object>) m.get("scroll");
        Map<String, Object> answer = (Map<String, Object>) m.get("answer");
        assertTrue(num(m.get("pageWidth")) <= viewport + 1, where + "the page scrolls sideways: " + m.get("pageWidth") + " > " + viewport);
        assertTrue(num(panel.get("left")) >= -1 && num(panel.get("right")) <= viewport + 1, where + "panel outside the viewport: " + panel);
        if (viewport <= 480) {
            assertTrue(num(panel.get("top")) <= 1 && num(panel.get("width")) >= viewport - 1, where + "on a phone the panel takes the whole screen: " + panel);
        }
        assertTrue(num(m.get("widest")) <= viewport + 1, where + "something in the panel ends at " + m.get("widest") + " > " + viewport);
        assertTrue(num(m.get("scrollOverflow")) <= 1, where + "the conversation scrolls sideways by " + m.get("scrollOverflow"));
        double share = num(scroll.get("height")) / num(panel.get("height"));
        assertTrue(share >= 0.40, where + "the conversation has " + Math.round(share * 100) + " % of the panel's height");
        assertTrue(num(answer.get("top")) >= num(scroll.get("top")) - 1 && num(answer.get("top")) + 24 <= num(scroll.get("bottom")),
                where + "the answer's first line is outside the conversation: answer at " + answer.get("top") + ", area "
                        + scroll.get("top") + "–" + scroll.get("bottom"));
        assertEquals(List.of(), m.get("small"), where + "tap targets under 44×44 px");
    }

    static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    static void assertFieldsWideEnough(Browser b, String where, String shot) throws IOException {
        b.allInWidget(".foot button").get(0).click();
        b.waitFor(d -> b.allInWidget(".sub form").size() == 1);
        double viewport = num(b.js("return window.innerWidth"));
        for (var field : b.allInWidget(".sub form input[type=text], .sub form input[type=tel]")) {
            var r = field.getRect();
            assertTrue(r.getWidth() >= 200, where + "a subscription field is " + r.getWidth() + " px wide");
            assertTrue(r.getX() + r.getWidth() <= viewport + 1, where + "a field ends at " + (r.getX() + r.getWidth()));
        }
        var submit = b.inWidget(".sub form button[type=submit]");
        assertTrue(submit.getRect().getHeight() >= 44, where + "提交 is " + submit.getRect().getHeight() + " px high");
        // Scrolls the form itself: scrollIntoView would also pan a phone's visual viewport under the fixed panel.
        b.js(ROOT + "var s = r.querySelector('.sub'); s.scrollTop = r.querySelector('.sub form').offsetTop - s.offsetTop - 8;");
        screenshot(b, "widget-" + shot + "-subscribe.png");
        b.inWidget(".sub button").click(); // 返回咨询
    }

    /** Asks, measures, switches to 大字, asks again, measures, and checks the subscription form: one size. */
    static void checkAt(Browser b, String where, String shot) throws IOException {
        open(b);
        ask(b, "营业执照要挂出来吗");
        assertRoomToRead(b, where + ", normal text: ");
        screenshot(b, "widget-" + shot + ".png");
        b.inWidget("header button[aria-pressed]").click(); // 大字
        ask(b, "企业年报什么时候报");
        assertRoomToRead(b, where + ", 大字: ");
        screenshot(b, "widget-" + shot + "-large.png");
        assertFieldsWideEnough(b, where + ", 大字: ", shot);
    }

    @Test
    void onAPhoneEveryAnswerOpensAtItsTopWithRoomToReadAndTargetsToTap() throws IOException {
        try (Browser b = device(375, 812, 2, true)) {
            checkAt(b, "375×812", "phone");
        }
    }

    @Test
    void onADesktopAndAt200PercentZoomTheConversationKeepsTheRoom() throws IOException {
        try (Browser b = device(1366, 900, 1, false)) {
            checkAt(b, "1366×900", "desktop");
        }
        try (Browser b = device(683, 450, 2, false)) {
            checkAt(b, "1366×900 at 200 %", "zoom-200");
        }
    }

    /**
     * A story the assistant is not sure about is answered with up to five entries to pick from: on a phone the
     * reply opens at its first line, every offer is a whole tap target inside the screen, and none is cut off.
     */
    @Test
    @SuppressWarnings("unchecked")
    void onAPhoneANotSureReplyShowsItsFiveOffersAsTargetsInsideTheScreen() throws IOException {
        try (Browser b = device(375, 812, 2, true)) {
            open(b);
            ask(b, "店里员工受伤了还闹着要辞职，我该怎么处理");
            assertRoomToRead(b, "375×812, not sure: ");
            List<Map<String, Object>> offers = (List<Map<String, Object>>) b.js(ROOT
                    + "var groups = r.querySelectorAll('.chips'); var g = groups[groups.length - 1]; var out = [];"
                    + "g.querySelectorAll('.chip').forEach(function (c) { var q = c.getBoundingClientRect();"
                    + "  out.push({text: c.textContent, left: q.left, right: q.right, height: q.height,"
                    + "    clipped: c.scrollWidth > c.clientWidth + 1}); }); return out;");
            assertEquals(5, offers.size(), "five entries offered: " + offers);
            double viewport = num(b.js("return window.innerWidth"));
            for (Map<String, Object> o : offers) {
                assertTrue(num(o.get("left")) >= 0 && num(o.get("right")) <= viewport + 1, "an offer leaves the screen: " + o);
                assertTrue(num(o.get("height")) >= 44, "an offer is too small to tap: " + o);
                assertEquals(Boolean.FALSE, o.get("clipped"), "an offer's text is cut off: " + o);
            }
            screenshot(b, "widget-phone-offers.png");
            b.inWidget("header button[aria-pressed]").click(); // 大字: the offers wrap, none leaves the screen
            ask(b, "店里员工受伤了还闹着要辞职，我该怎么处理");
            assertRoomToRead(b, "375×812, not sure, 大字: ");
            screenshot(b, "widget-phone-offers-large.png");
        }
    }

    /**
     * WCAG 1.4.10 reflow: at 400 % zoom of a 1280×1024 screen (a 320×256 CSS-pixel viewport) nothing scrolls
     * sideways, with and without 大字, the answer opens at its first line and the question box stays on
     * screen. The conversation's share of the height is not asserted here: header and question box keep
     * their size, so at 256 px it is about a third.
     */
    @Test
    @SuppressWarnings("unchecked")
    void at400PercentZoomEverythingReflowsIntoOneColumn() {
        try (Browser b = device(320, 256, 4, false)) {
            open(b);
            for (String size : List.of("normal text", "大字")) {
                if (size.equals("大字")) {
                    b.inWidget("header button[aria-pressed]").click();
                }
                ask(b, size.equals("大字") ? "企业年报什么时候报" : "营业执照要挂出来吗");
                String where = "400 %, " + size + ": ";
                Map<String, Object> m = (Map<String, Object>) b.js(MEASURE, TAP_TARGETS);
                double viewport = num(m.get("viewport"));
                assertEquals(320, viewport, 1, where + "the emulated viewport");
                assertTrue(num(m.get("pageWidth")) <= viewport + 1, where + "the page scrolls sideways: " + m.get("pageWidth"));
                assertTrue(num(m.get("widest")) <= viewport + 1, where + "something in the panel ends at " + m.get("widest"));
                assertTrue(num(m.get("scrollOverflow")) <= 1, where + "the conversation scrolls sideways by " + m.get("scrollOverflow"));
                Map<String, Object> scroll = (Map<String, Object>) m.get("scroll");
                Map<String, Object> answer = (Map<String, Object>) m.get("answer");
                assertTrue(num(answer.get("top")) >= num(scroll.get("top")) - 1 && num(answer.get("top")) < num(scroll.get("bottom")),
                        where + "the answer's first line is outside the conversation: " + answer + " in " + scroll);
                var box = b.inWidget("textarea").getRect();
                assertTrue(box.getY() >= 0 && box.getY() + box.getHeight() <= 256 + 1 && box.getX() + box.getWidth() <= viewport + 1,
                        where + "the question box is off screen: " + box.getX() + "," + box.getY() + " " + box.getWidth() + "×" + box.getHeight());
            }
        }
    }

    /**
     * On a touch phone opening the widget does not raise the keyboard (the question box is not focused)
     * and the full-screen panel keeps the focus inside it however far one tabs.
     */
    @Test
    void onAPhoneTheKeyboardStaysDownAndFocusStaysInTheFullScreenPanel() {
        try (Browser b = device(375, 812, 2, true)) {
            open(b);
            assertEquals("H2", b.js(ROOT + "return r.activeElement && r.activeElement.tagName"),
                    "focus goes to the panel's title, not the question box");
            Actions keys = new Actions(b.driver);
            for (int i = 0; i < 30; i++) {
                if (i % 7 == 6) {
                    keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
                } else {
                    keys.sendKeys(Keys.TAB).perform();
                }
                assertEquals(Boolean.TRUE, b.js(ROOT + "return r.activeElement != null && r.querySelector('.panel').contains(r.activeElement)"),
                        "after " + (i + 1) + " presses focus left the full-screen panel");
            }
        }
    }

    /**
     * On a desktop the question box has the focus, one Shift+Tab reaches 关闭 (which says Esc closes), and
     * its focus ring on the coloured header has at least 3:1 contrast (WCAG 1.4.11).
     */
    @Test
    void onADesktopCloseIsOneShiftTabAwayWithAVisibleFocusRing() {
        try (Browser b = device(1366, 900, 1, false)) {
            open(b);
            assertEquals("TEXTAREA", b.js(ROOT + "return r.activeElement && r.activeElement.tagName"));
            new Actions(b.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            @SuppressWarnings("unchecked")
            Map<String, Object> ring = (Map<String, Object>) b.js(ROOT + "var a = r.activeElement; var s = getComputedStyle(a);"
                    + "return {text: a.textContent, outline: s.outlineColor, width: s.outlineWidth, style: s.outlineStyle,"
                    + " header: getComputedStyle(r.querySelector('header')).backgroundColor};");
            assertTrue(String.valueOf(ring.get("text")).startsWith("关闭") && String.valueOf(ring.get("text")).contains("Esc"), ring.toString());
            assertEquals("solid", ring.get("style"));
            double contrast = contrast(String.valueOf(ring.get("outline")), String.valueOf(ring.get("header")));
            assertTrue(contrast >= 3, "focus ring " + ring.get("outline") + " on " + ring.get("header") + " has " + contrast + ":1");
            new Actions(b.driver).sendKeys(Keys.ESCAPE).perform();
            b.waitFor(d -> b.inWidget(".panel").getAttribute("hidden") != null);
        }
    }

    /**
     * The not-binding note is said in full once per conversation and then kept as a short link; a reply
     * without an answer says what to try next, offers questions to tap and 12345 as a phone link.
     */
    @Test
    void theNoteIsSaidOnceAndNoAnswerSaysWhatToTryNext() {
        try (Browser b = device(1366, 900, 1, false)) {
            open(b);
            ask(b, "营业执照要挂出来吗");
            ask(b, "企业年报什么时候报");
            long full = b.allInWidget(".msg.bot").stream().filter(m -> m.getText().contains("温馨提示：以上为行政指导")).count();
            assertEquals(1, full, "the note in full once");
            var answers = b.allInWidget(".msg.bot");
            var tip = answers.get(answers.size() - 1).findElement(org.openqa.selenium.By.cssSelector(".tip"));
            assertEquals("false", tip.getAttribute("aria-expanded"));
            tip.click();
            assertTrue(b.allInWidget(".msg.bot").get(b.allInWidget(".msg.bot").size() - 1).getText().contains("温馨提示：以上为行政指导"),
                    "the short link opens the note");

            ask(b, "床前明月光，疑是地上霜。举头望明月，低头思故乡。");
            var bots = b.allInWidget(".msg.bot");
            var last = bots.get(bots.size() - 1);
            assertTrue(last.getText().contains("换个说法") && last.getText().contains("常见主题"), last.getText());
            assertFalse(last.getText().contains("只能回答"), "not a refusal");
            assertFalse(last.findElements(org.openqa.selenium.By.cssSelector("a[href='tel:12345']")).isEmpty(), "12345 can be dialled");
            assertTrue(b.allInWidget(".log > .chips:last-child .chip").size() >= 2, "questions to tap next");
        }
    }

    /** WCAG contrast ratio of two computed "rgb(r, g, b)" colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String rgb) {
        String[] p = rgb.replaceAll("[^0-9,.]", "").split(",");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Double.parseDouble(p[i]) / 255;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    @Test
    void contrastOfTheHeaderRingIsComputedAsWcagDoes() {
        assertEquals(21, contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 0.01);
        assertFalse(contrast("rgb(26, 86, 219)", "rgb(166, 27, 27)") >= 3, "the old blue ring on the red header");
    }
}
