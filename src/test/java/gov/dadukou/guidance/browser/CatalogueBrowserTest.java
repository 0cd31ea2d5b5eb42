package gov.dadukou.guidance.browser;

import gov.dadukou.guidance.ShippedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public catalogue in a real browser, looked at rather than only clicked: on a 375 px phone (emulated
 * through the DevTools protocol, since headless Chromium keeps windows at least 500 px wide) and on a
 * 1366 px desktop. Sizes come from getBoundingClientRect.
 */
class CatalogueBrowserTest {
    static final int[][] SIZES = {{375, 812}, {1366, 900}};

    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.lexical();

    static void openCatalogue(Browser b, String query) {
        b.driver.get(shipped.get().base() + "/catalogue" + query);
        b.waitFor(d -> d.findElement(By.id("status")).getText().matches("(共|找到) \\d+ 项.*"));
    }

    static double number(Browser b, String script, Object... args) {
        return ((Number) b.js(script, args)).doubleValue();
    }

    static void assertNothingWiderThanTheViewport(Browser b, String where) {
        double viewport = number(b, "return document.documentElement.clientWidth");
        double page = number(b, "return document.documentElement.scrollWidth");
        assertTrue(page <= viewport, where + ": the page is " + page + " px wide in a " + viewport + " px viewport");
        Object wide = b.js("var w = document.documentElement.clientWidth; return Array.prototype.slice.call(document.querySelectorAll('body *'))"
                + ".filter(function (e) { var r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 1; })"
                + ".map(function (e) { return e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right); }).slice(0, 5)");
        assertEquals(List.of(), wide, where + ": elements past the right edge");
    }

    static void search(Browser b, String words) {
        WebElement q = b.driver.findElement(By.id("q"));
        q.clear();
        q.sendKeys(words);
        b.driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
        b.waitFor(d -> d.findElement(By.id("status")).getText().contains("搜索“" + words + "”"));
    }

    static String resultsText(Browser b) {
        return b.driver.findElement(By.id("results")).getText();
    }

    static String decodedAddress(Browser b) {
        return URLDecoder.decode(b.driver.getCurrentUrl(), StandardCharsets.UTF_8);
    }

    @Test
    void onAPhoneEachItemIsACardWhoseTextIsReadableAndNothingIsWiderThanTheScreen() throws IOException {
        try (Browser b = Browser.open(375, 812)) {
            openCatalogue(b, "");
            assertEquals(375.0, number(b, "return document.documentElement.clientWidth"), "the phone's width is emulated");
            assertNothingWiderThanTheViewport(b, "phone, whole catalogue");
            // The old table squeezed 类别 to one character a line; a card gives every field the card's width.
            double narrowest = number(b, "return Math.min.apply(null, Array.prototype.slice.call(document.querySelectorAll('td.kind, td.title'))"
                    + ".map(function (e) { return e.getBoundingClientRect().width; }))");
            assertTrue(narrowest >= 120, "a card's field is only " + narrowest + " px wide");
            double kindLineHeight = number(b, "var e = document.querySelector('td.kind'); return e.getBoundingClientRect().height"
                    + " / parseFloat(getComputedStyle(e).lineHeight)");
            assertTrue(kindLineHeight < 1.6, "类别 takes one line, not one per character: " + kindLineHeight + " lines");
            assertFalse(b.driver.findElement(By.cssSelector("thead th")).isDisplayed(), "labels are in the cards, the header row is for screen readers");
            b.js("document.getElementById('status').scrollIntoView()");
            WidgetBrowserTest.screenshot(b, "catalogue-phone.png");
            List<WebElement> jumps = b.driver.findElements(By.cssSelector("#jump a"));
            assertTrue(jumps.size() >= 10, "a jump link for each department: " + jumps.size());
            for (WebElement a : jumps) {
                assertTrue(a.getRect().getHeight() >= 44, "tap target " + a.getText() + " is " + a.getRect().getHeight() + " px high");
            }
            WebElement middle = jumps.get(jumps.size() / 2);
            String target = middle.getAttribute("href").replaceAll(".*#", "");
            middle.click();
            b.waitFor(d -> number(b, "return Math.abs(document.getElementById(arguments[0]).getBoundingClientRect().top)", target) < 50);
            b.driver.navigate().to(shipped.get().base() + "/catalogue");
            openCatalogue(b, "");
            WidgetBrowserTest.assertNoSerious(b.seriousViolations(), "catalogue on a phone");
        }
    }

    @Test
    void onADesktopTheCatalogueIsATableWithAJumpLinkPerDepartment() throws IOException {
        try (Browser b = Browser.open(1366, 900)) {
            openCatalogue(b, "");
            assertNothingWiderThanTheViewport(b, "desktop");
            assertTrue(b.driver.findElement(By.cssSelector("thead th")).isDisplayed());
            double kind = number(b, "return document.querySelector('td.kind').getBoundingClientRect().width");
            assertTrue(kind >= 60, "类别 column " + kind + " px");
            assertTrue(b.driver.findElement(By.id("jump")).isDisplayed());
            WebElement note = b.driver.findElement(By.id("verify-note"));
            assertTrue(note.isDisplayed(), "待核实 is explained where it appears");
            note.findElement(By.tagName("summary")).click();
            WebElement explanation = note.findElement(By.tagName("p"));
            assertTrue(explanation.isDisplayed() && explanation.getText().contains("办理前请先向该事项的实施单位"), explanation.getText());
            WidgetBrowserTest.screenshot(b, "catalogue.png");
            WidgetBrowserTest.assertNoSerious(b.seriousViolations(), "catalogue on a desktop");
        }
    }

    @Test
    void theSearchFindsHotPotAndATypedWrongCharacterAndTheBackButtonReturnsToTheFormerSearch() throws IOException {
        for (int[] size : SIZES) {
            try (Browser b = Browser.open(size[0], size[1])) {
                openCatalogue(b, "");
                search(b, "火锅");
                b.waitFor(d -> resultsText(b).contains("开一家餐饮店要办哪些证照和手续"));
                assertTrue(resultsText(b).contains("餐馆收服务费、包间费等须事先明码标价"), resultsText(b));
                assertTrue(decodedAddress(b).endsWith("/catalogue?q=火锅"), decodedAddress(b));
                assertNothingWiderThanTheViewport(b, size[0] + " px, search results");

                search(b, "营叶执照");
                b.waitFor(d -> d.findElement(By.id("status")).getText().contains("已按“营业执照”搜索"));
                assertTrue(resultsText(b).contains("营业执照应当放在经营场所醒目位置"), resultsText(b));
                assertFalse(b.driver.findElement(By.id("jump")).isDisplayed(), "a ranked list has no department sections to jump to");
                WebElement firstTitle = b.driver.findElement(By.cssSelector("#results td.title"));
                assertTrue(firstTitle.getRect().getY() < size[1] * 2, "the best result is near the top");
                if (size[0] == 375) {
                    WidgetBrowserTest.screenshot(b, "catalogue-search-phone.png");
                }
                WidgetBrowserTest.assertNoSerious(b.seriousViolations(), size[0] + " px, search results");

                b.driver.navigate().back();
                b.waitFor(d -> resultsText(b).contains("开一家餐饮店要办哪些证照和手续"));
                assertEquals("火锅", b.driver.findElement(By.id("q")).getAttribute("value"), "the box shows the search of that address");
            }
        }
    }

    @Test
    void aSearchThatFindsNothingOffersTheAssistantWithTheWordsAnd12345() throws IOException {
        for (int[] size : SIZES) {
            try (Browser b = Browser.open(size[0], size[1])) {
                openCatalogue(b, "?q=" + java.net.URLEncoder.encode("宇宙飞船", StandardCharsets.UTF_8));
                WebElement empty = b.driver.findElement(By.id("empty"));
                b.waitFor(d -> empty.isDisplayed());
                assertTrue(empty.getText().contains("没有找到与“宇宙飞船”相关的事项"), empty.getText());
                assertTrue(empty.findElement(By.id("ask-hint")).getText().contains("“宇宙飞船”"), "the hint carries the words to ask");
                WebElement ask = empty.findElement(By.id("ask-empty"));
                WebElement call = empty.findElement(By.cssSelector("a[href='tel:12345']"));
                assertEquals("问问智能助手", ask.getText());
                for (WebElement link : List.of(ask, call)) {
                    assertTrue(link.isDisplayed());
                    assertTrue(link.getRect().getHeight() >= 44, link.getText() + " is " + link.getRect().getHeight() + " px high");
                    assertTrue(link.getRect().getX() + link.getRect().getWidth() <= size[0], link.getText() + " is off the screen");
                }
                assertNothingWiderThanTheViewport(b, size[0] + " px, no result");
                WidgetBrowserTest.assertNoSerious(b.seriousViolations(), size[0] + " px, no result");
                ask.click();
                // The home page opens the widget asking the words at once, and drops them from the address.
                b.waitFor(d -> d.getCurrentUrl().equals(shipped.get().base() + "/"));
                b.waitFor(d -> b.allInWidget(".msg.user").stream().anyMatch(m -> m.getText().equals("宇宙飞船")));
                b.waitFor(d -> b.allInWidget(".msg.bot").size() >= 2);
                assertTrue(b.inWidget(".log").isDisplayed(), "the conversation is open");
            }
        }
    }

    @Test
    void aSharedAddressOpensTheSameFilteredListAndItsPrintoutSaysWhenWhatAndWhere() {
        try (Browser b = Browser.open(1366, 900)) {
            openCatalogue(b, "?department=" + java.net.URLEncoder.encode("区市场监管局", StandardCharsets.UTF_8)
                    + "&kind=" + java.net.URLEncoder.encode("典型案例", StandardCharsets.UTF_8));
            assertEquals("区市场监管局", b.js("return document.getElementById('department').value"));
            assertEquals("典型案例", b.js("return document.getElementById('kind').value"));
            // The lists come from the server, so a kind added there (其他途径指引) is offered here too.
            assertEquals(java.util.Arrays.stream(gov.dadukou.guidance.knowledge.Kind.values())
                            .map(gov.dadukou.guidance.knowledge.Kind::label).toList(),
                    b.js("return Array.prototype.slice.call(document.querySelectorAll('#kind option'), 1).map(function (o) { return o.textContent; })"));
            assertEquals(9L, b.js("return document.querySelectorAll('#method option').length - 1"));
            List<WebElement> kinds = b.driver.findElements(By.cssSelector("td.kind"));
            assertFalse(kinds.isEmpty());
            kinds.forEach(k -> assertEquals("典型案例", k.getText()));
            assertEquals(1, b.driver.findElements(By.cssSelector("section.dept")).size());

            b.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            WebElement meta = b.driver.findElement(By.id("print-meta"));
            assertTrue(meta.isDisplayed(), "the printout's first line");
            String text = meta.getText();
            assertTrue(text.matches("(?s)打印时间：\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}.*"), text);
            assertTrue(text.contains("实施单位：区市场监管局") && text.contains("类别：典型案例"), text);
            assertTrue(text.contains(shipped.get().base() + "/catalogue?"), text);
            assertFalse(b.driver.findElement(By.id("filters")).isDisplayed(), "the form is not printed");
        }
    }
}
