package gov.dadukou.guidance.browser;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ShippedServer;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static gov.dadukou.guidance.browser.WidgetBrowserTest.assertNoSerious;
import static gov.dadukou.guidance.browser.WidgetLayoutBrowserTest.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WCAG 1.4.10 reflow on the two pages a business reaches from a link it kept: the consent record behind a
 * receipt ({@code /consent?receipt=…&token=…}) and a message's status page ({@code /messages/{ticket}?token=…}).
 * At 400 % zoom of a 1280×1024 screen (a 320×256 CSS-pixel viewport) nothing scrolls sideways, every button
 * stays whole on the page and at least 44 px high, and the record's text wraps instead of running off.
 */
class RecordPagesReflowBrowserTest {
    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.lexical();

    /** Widths as the page lays them out: the window, the layout (without a scroll bar), the document, and the right edge of anything visible. */
    static final String MEASURE = """
            let widest = 0;
            for (const e of document.querySelectorAll('body *')) {
              const r = e.getBoundingClientRect();
              if (r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden') widest = Math.max(widest, r.right);
            }
            return {viewport: window.innerWidth, layout: document.documentElement.clientWidth,
                    pageWidth: document.documentElement.scrollWidth, widest: widest};
            """;

    @Test
    void theConsentRecordBehindAReceiptReflowsAt400PercentZoom() throws java.io.IOException {
        TestServer server = shipped.get();
        JsonNode notice = server.get("/api/consent/notice").json();
        JsonNode receipt = server.post("/api/consents", "application/json", """
                {"companyName":"重庆大渡口区某某特别长名称的餐饮管理有限责任公司第一分公司","creditCode":"91350100M000100Y43",
                 "contactName":"张三","phone":"13812341234","topics":["%s"],"noticeVersion":%d,"agreed":true}
                """.formatted(notice.get("topics").get(0).asText(), notice.get("version").asInt())).json();
        String url = server.base() + "/consent?receipt=" + receipt.get("receiptId").asText()
                + "&token=" + receipt.get("withdrawToken").asText();

        try (Browser b = device(320, 256, 4, false)) {
            b.driver.get(url);
            b.waitFor(d -> d.findElement(By.id("record")).getText().contains("有效"));
            assertReflows(b, "consent record", "record", 3);
            assertNoSerious(b.seriousViolations(), "consent record at 400 %");
        }
    }

    @Test
    void aMessagesStatusPageReflowsAt400PercentZoom() throws java.io.IOException {
        TestServer server = shipped.get();
        JsonNode message = server.post("/api/messages", "application/json",
                "{\"question\":\"我们在九宫庙开的小餐馆想在门口临时摆两张桌子做夜宵，这种情况需要先去哪个部门报备，有没有时间限制？\"}").json();

        try (Browser b = device(320, 256, 4, false)) {
            b.driver.get(server.base() + message.get("statusUrl").asText());
            b.waitFor(d -> d.findElement(By.id("message")).getText().contains(message.get("ticket").asText()));
            assertReflows(b, "message status", "message", 1);
            assertNoSerious(b.seriousViolations(), "message status at 400 %");
        }
    }

    /**
     * Nothing past the right edge, the record as wide as the page at most, and at least {@code buttons} buttons
     * shown, each whole on the page and at least 44 px high.
     */
    @SuppressWarnings("unchecked")
    static void assertReflows(Browser b, String page, String recordId, int buttons) {
        Map<String, Object> m = (Map<String, Object>) b.js(MEASURE);
        assertEquals(320, ((Number) m.get("viewport")).doubleValue(), 1, page + ": the emulated viewport");
        // The page is taller than 256 px, so a vertical scroll bar takes its width from the layout.
        double viewport = ((Number) m.get("layout")).doubleValue();
        assertTrue(((Number) m.get("pageWidth")).doubleValue() <= viewport + 1, page + " scrolls sideways: " + m);
        assertTrue(((Number) m.get("widest")).doubleValue() <= viewport + 1, page + ": something ends past the right edge: " + m);
        List<WebElement> shown = b.driver.findElements(By.cssSelector("button")).stream().filter(WebElement::isDisplayed).toList();
        assertTrue(shown.size() >= buttons, page + ": " + shown.size() + " buttons shown");
        for (WebElement button : shown) {
            var r = button.getRect();
            assertTrue(r.getX() >= 0 && r.getX() + r.getWidth() <= viewport + 1 && r.getHeight() >= 44,
                    page + ": “" + button.getText() + "” is cut or too small: " + r.getX() + "," + r.getY() + " " + r.getWidth() + "×" + r.getHeight());
        }
        WebElement record = b.driver.findElement(By.id(recordId));
        assertTrue(record.getRect().getWidth() <= viewport && record.getRect().getHeight() > 0, page + ": the record is "
                + record.getRect().getWidth() + " px wide");
    }
}
