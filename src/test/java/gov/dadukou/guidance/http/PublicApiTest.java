package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublicApiTest {
    static final String SITE = "https://www.ddk.example.gov.cn";
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAllowedOrigins(List.of(SITE)),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> request(String method, String path, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path)).method(method,
                method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{\"question\":\"年报\"}") : HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (method.equals("POST")) {
            b.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void catalogueGroupsEveryEntryByDepartmentAndMethodWithLegalBasisAndContact() {
        JsonNode body = server.get("/api/catalogue").json();
        assertEquals(server.assistant.entries().size(), body.get("count").asInt());
        JsonNode first = body.get("departments").get(0);
        assertTrue(first.hasNonNull("contact"));
        JsonNode item = first.get("methods").get(0).get("items").get(0);
        assertTrue(item.hasNonNull("legalBasis") && item.hasNonNull("method") && item.hasNonNull("title"));
    }

    @Test
    void catalogueFiltersByWordsDepartmentAndMethod() {
        JsonNode body = server.get("/api/catalogue?q=" + enc("年报") + "&department=" + enc("区市场监管局")).json();
        assertTrue(body.get("count").asInt() >= 3);
        body.get("departments").forEach(d -> assertEquals("区市场监管局", d.get("department").asText()));
        JsonNode cases = server.get("/api/catalogue?method=" + enc("以案释法")).json();
        cases.get("departments").forEach(d -> d.get("methods").forEach(m -> assertEquals("以案释法", m.get("method").asText())));
        assertEquals(400, server.get("/api/catalogue?method=" + enc("约谈")).status());
    }

    @Test
    void cataloguePageIsServedWithAContentSecurityPolicy() throws Exception {
        HttpResponse<String> r = request("GET", "/catalogue", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"), csp);
        assertTrue(request("GET", "/", null).headers().firstValue("Content-Security-Policy").isPresent());
    }

    @Test
    void corsIsGrantedToTheConfiguredSiteOnly() throws Exception {
        assertEquals(SITE, request("POST", "/api/chat", SITE).headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertNull(request("POST", "/api/chat", "https://evil.example").headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        HttpResponse<String> preflight = request("OPTIONS", "/api/consents", SITE);
        assertEquals(204, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertFalse(request("OPTIONS", "/api/consents", "https://evil.example").headers().firstValue("Access-Control-Allow-Methods").isPresent());
        assertNull(request("GET", "/health", SITE).headers().firstValue("Access-Control-Allow-Origin").orElse(null), "only /api/*");
    }

    @Test
    void feedbackIsRecordedAndPersonalDataInTheReasonIsMasked() {
        TestServer.Response r = server.post("/api/feedback", "application/json",
                "{\"entryId\":\"scjg-yyzz-xingmu\",\"helpful\":false,\"reason\":\"打13812341234没人接，身份证500104199001011234\"}");
        assertEquals(201, r.status(), r.body());
        assertEquals(1, server.assistant.feedback().countsByEntry().get("scjg-yyzz-xingmu").notHelpful());
        assertEquals(400, server.post("/api/feedback", "application/json", "{\"entryId\":\"no-such\",\"helpful\":true}").status());
        assertEquals(400, server.post("/api/feedback", "application/json", "{\"entryId\":\"scjg-yyzz-xingmu\"}").status());
        assertEquals(400, server.post("/api/feedback", "application/json",
                "{\"entryId\":\"scjg-yyzz-xingmu\",\"helpful\":false,\"reason\":\"" + "长".repeat(201) + "\"}").status());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
