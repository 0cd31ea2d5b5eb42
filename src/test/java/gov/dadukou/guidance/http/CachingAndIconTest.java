package gov.dadukou.guidance.http;

import gov.dadukou.guidance.ShippedServer;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Web assets are cacheable (stable addresses briefly, with ETags; hashed addresses for a year) and there is an icon. */
class CachingAndIconTest {
    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.lexical();

    static HttpResponse<byte[]> fetch(String path, String ifNoneMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(shipped.get().base() + path));
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        try {
            return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    @Test
    void theEmbeddedWidgetsStableAddressIsCachedBrieflyAndRevalidatedWithItsETag() {
        HttpResponse<byte[]> r = fetch("/widget.js", null);
        assertEquals(200, r.statusCode());
        assertEquals(StaticAssets.STABLE, header(r, "Cache-Control"));
        String etag = header(r, "ETag");
        assertFalse(etag.isEmpty(), "an ETag to revalidate with");
        HttpResponse<byte[]> again = fetch("/widget.js", etag);
        assertEquals(304, again.statusCode(), "unchanged: no body sent again");
        assertEquals(0, again.body().length);
    }

    @Test
    void theCataloguePageNamesItsAssetsByContentHashAndThoseAreCachedForAYear() throws Exception {
        TestServer.Response page = shipped.get().get("/catalogue");
        Matcher m = Pattern.compile("src=\"/catalogue\\.js\\?v=([0-9a-f]{12})\"").matcher(page.body());
        assertTrue(m.find(), "the script is versioned: " + page.body());
        assertTrue(page.body().contains("href=\"/catalogue.css?v="));
        HttpResponse<byte[]> js = fetch("/catalogue.js?v=" + m.group(1), null);
        assertEquals(200, js.statusCode());
        assertEquals(StaticAssets.IMMUTABLE, header(js, "Cache-Control"));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(js.body())).substring(0, 12);
        assertEquals(hash, m.group(1), "the version is the hash of what is served");
    }

    @Test
    void aStaleVersionGetsTheCurrentFileWithTheShortLifetime() {
        HttpResponse<byte[]> r = fetch("/catalogue.js?v=000000000000", null);
        assertEquals(200, r.statusCode());
        assertEquals(StaticAssets.STABLE, header(r, "Cache-Control"));
    }

    @Test
    void pagesAreRevalidatedOnEveryVisit() {
        assertEquals(StaticAssets.PAGE, header(fetch("/catalogue", null), "Cache-Control"));
        assertEquals(StaticAssets.PAGE, header(fetch("/", null), "Cache-Control"));
    }

    @Test
    void theFaviconIsServedAndTheCatalogueLinksIt() {
        HttpResponse<byte[]> ico = fetch("/favicon.ico", null);
        assertEquals(200, ico.statusCode());
        assertTrue(header(ico, "Content-Type").startsWith("image/"), header(ico, "Content-Type"));
        assertEquals(0, ico.body()[0]);
        assertEquals(1, ico.body()[2], "an ICO file (type 1)");
        HttpResponse<byte[]> svg = fetch("/favicon.svg", null);
        assertEquals(200, svg.statusCode());
        assertTrue(header(svg, "Content-Type").startsWith("image/svg+xml"), header(svg, "Content-Type"));
        assertTrue(shipped.get().get("/catalogue").body().contains("rel=\"icon\" href=\"/favicon.svg?v="));
    }
}
