package gov.dadukou.guidance.http;

import gov.dadukou.guidance.ShippedServer;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebAssetsTest {
    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.withDense();

    @Test
    void demoPageEmbedsTheWidgetWithOneScriptTag() {
        TestServer.Response r = shipped.get().get("/");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        assertTrue(r.body().contains("<script src=\"/widget.js\""), "demo page must embed the widget");
    }

    @Test
    void widgetScriptIsServedByTheAppItself() {
        TestServer.Response r = shipped.get().get("/widget.js");
        assertEquals(200, r.status());
        assertTrue(r.contentType().contains("javascript"), r.contentType());
        assertTrue(r.body().contains("/api/chat"));
    }

    @Test
    void pagesLoadNothingFromOtherHosts() {
        String page = shipped.get().get("/").body() + shipped.get().get("/widget.js").body();
        assertFalse(page.matches("(?s).*(src|href)=\"https?://.*"), "no external CDN");
    }

    @Test
    void widgetScriptWithItsStylesStaysUnder50Kilobytes() {
        int bytes = shipped.get().get("/widget.js").body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(bytes < 50 * 1024, "widget.js (JS and CSS together) is " + bytes + " bytes; the budget is 50 KB");
    }

    @Test
    void widgetSetsNoCookiesAndKeepsOnlyTheLargeTextSettingAcrossVisits() {
        String js = shipped.get().get("/widget.js").body();
        assertFalse(js.contains("document.cookie"));
        assertTrue(js.contains("sessionStorage"), "the conversation lives in sessionStorage");
        // localStorage is used for one key only, the large-text preference.
        assertEquals(js.split("localStorage\\.").length - 1, js.split("localStorage\\.(getItem|setItem|removeItem)\\(LARGE").length - 1);
    }

    @Test
    void widgetRendersServerTextAsTextNeverAsHtml() {
        String js = shipped.get().get("/widget.js").body();
        assertFalse(js.contains("innerHTML"), "answers must be inserted with textContent");
        assertTrue(js.contains("textContent"));
    }
}
