package gov.dadukou.guidance.browser;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static gov.dadukou.guidance.browser.ConsoleGapsPeopleBrowserTest.openTab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staff console on a phone (375 px): a reviewer on the move reads the queue and a verification request on the
 * way. Every tab lays out within the width; wide tables scroll inside their own box, never the page; every control
 * has a usable size.
 */
class ConsoleNarrowBrowserTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";

    @TempDir
    Path dataDir;

    /**
     * What lies outside the window on the current view: elements (unless inside a box that scrolls sideways by itself),
     * controls smaller than 24 px, table headers wrapped to more than three lines, and a page that scrolls sideways.
     */
    @SuppressWarnings("unchecked")
    static List<String> layoutProblems(Browser b) {
        return (List<String>) b.js("var out = []; var w = document.documentElement.clientWidth;"
                + "function scrolls(n) { for (var p = n.parentElement; p; p = p.parentElement) {"
                + "  var o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') { return true; } } return false; }"
                + "document.querySelectorAll('body *').forEach(function (n) { var r = n.getBoundingClientRect();"
                + "  if (r.width === 0 && r.height === 0) { return; }"
                + "  if ((r.left < -1 || r.right > w + 1) && !scrolls(n)) { out.push(n.tagName + '.' + n.className + ' ' + (n.textContent || '').slice(0, 20) + ' ' + Math.round(r.left) + '..' + Math.round(r.right)); }"
                + "  if (/^(INPUT|SELECT|BUTTON|TEXTAREA)$/.test(n.tagName) && n.type !== 'checkbox' && n.type !== 'radio' && (r.height < 24 || r.width < 24)) {"
                + "    out.push('too small: ' + n.tagName + ' ' + (n.textContent || n.name) + ' ' + r.width + 'x' + r.height); }"
                // A column squeezed to a character's width stacks its header a character per line: readable by no one.
                + "  if (n.tagName === 'TH' && r.height > 3.5 * parseFloat(getComputedStyle(n).lineHeight)) {"
                + "    out.push('header wraps: ' + (n.textContent || '').slice(0, 12) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height)); } });"
                + "if (document.documentElement.scrollWidth > w + 1) { out.push('page scrolls sideways: ' + document.documentElement.scrollWidth); }"
                + "return out.slice(0, 12);");
    }

    @Test
    void everyTabOfTheConsoleFitsAPhoneScreen() throws Exception {
        try (TestServer server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false)
                .withAdminPassword(ADMIN_PASSWORD), Clock.systemUTC());
             Browser b = Browser.open(375, 812)) {
            server.assistant.chat().ask("共享充电宝放店里要备案吗", null);
            ConsoleBrowserTest.login(b, server.base(), "admin", ADMIN_PASSWORD);
            assertEquals(375L, ((Number) b.js("return window.innerWidth")).longValue(), "a true 375 px viewport");
            List<String> labels = ConsoleBrowserTest.tabs(b);
            assertTrue(labels.size() >= 12, "the admin sees every tab: " + labels);
            Map<String, List<String>> problems = new java.util.LinkedHashMap<>();
            for (String label : labels) {
                openTab(b, label);
                // A view is drawn when its request returns: a heading, then a table, a form or a line saying it is empty.
                b.waitFor(d -> !d.findElements(By.cssSelector("#view h2")).isEmpty()
                        && !d.findElements(By.cssSelector("#view table, #view form, #view p")).isEmpty());
                List<String> found = layoutProblems(b);
                if (!found.isEmpty()) {
                    problems.put(label, found);
                }
                if (label.equals("条目")) {
                    WidgetBrowserTest.screenshot(b, "console-entries-375.png");
                }
            }
            assertEquals(Map.of(), problems);
        }
    }
}
