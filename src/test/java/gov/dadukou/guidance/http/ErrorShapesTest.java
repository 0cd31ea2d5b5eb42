package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error, whoever produces it, is the JSON error shape with a Chinese message; a client's mistake is never a 500. */
class ErrorShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static Path data;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("errors");
        server = new TestServer(AppConfig.forDirs(data, TestServer.SHIPPED_KB).withDense(false), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertError(int status, String code, int actualStatus, String body) throws IOException {
        assertEquals(status, actualStatus, body);
        JsonNode error = JSON.readTree(body).path("error");
        assertEquals(code, error.path("code").asText(), body);
        assertTrue(error.path("message").asText().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), body);
    }

    private static HttpResponse<String> chatBody(String contentType, String body) {
        return server.exchange(HttpRequest.newBuilder(URI.create(server.base() + "/api/chat")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    @Test
    void aQuestionOfOnlyInvisibleOrControlCharactersIsAMissingQuestion() throws IOException {
        for (String invisible : new String[] {"\u00a0\u00a0", "\u0000", "\u200b\u200b", "\ufeff", "\u00ad", "\u202e", "\u001b", "\u007f",
                "\u200b\u0000\u00a0\u202e\u001b"}) {
            HttpResponse<String> r = chatBody("application/json", JSON.createObjectNode().put("question", invisible).toString());
            assertError(400, "missing_question", r.statusCode(), r.body());
        }
    }

    @Test
    void invisibleCharactersInsideAQuestionDoNotChangeItsAnswer() throws IOException {
        JsonNode plain = server.chat("营业执照要挂出来吗", null);
        JsonNode dirty = server.chat("\ufeff营业\u200b执照\u00ad要挂出来吗\u0000", null);
        assertEquals(plain.path("answer").asText(), dirty.path("answer").asText());
    }

    @Test
    void specificNotFoundCodesSurviveTheGenericMapper() throws IOException {
        HttpResponse<String> r = server.exchange(HttpRequest.newBuilder(URI.create(server.base() + "/api/consents/no-such-receipt"))
                .header("X-Withdraw-Token", "x".repeat(43)).GET());
        assertError(404, "consent_not_found", r.statusCode(), r.body());
        TestServer.Response unknown = server.get("/api/no-such-route");
        assertError(404, "not_found", unknown.status(), unknown.body());
    }

    @Test
    void aWrongMethodIs405WithTheMethodsAllowed() throws IOException {
        HttpResponse<String> r = server.exchange(HttpRequest.newBuilder(URI.create(server.base() + "/api/chat")).GET());
        assertError(405, "method_not_allowed", r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Allow").orElse("").contains("POST"), r.headers().map().toString());
    }

    @Test
    void jsonIsParsedStrictly() throws IOException {
        HttpResponse<String> trailing = chatBody("application/json", "{\"question\":\"营业执照要挂出来吗\"} garbage");
        assertError(400, "invalid_json", trailing.statusCode(), trailing.body());
        HttpResponse<String> twice = chatBody("application/json", "{\"question\":\"营业执照要挂出来吗\",\"question\":\"别的\"}");
        assertError(400, "invalid_json", twice.statusCode(), twice.body());
        HttpResponse<String> jsonx = chatBody("application/jsonx", "{\"question\":\"营业执照要挂出来吗\"}");
        assertError(415, "unsupported_media_type", jsonx.statusCode(), jsonx.body());
        assertEquals(200, chatBody("application/json; charset=UTF-8", "{\"question\":\"营业执照要挂出来吗\"}").statusCode());
    }

    /** What Jetty answers before the application sees the request. */
    private static String raw(String request) throws IOException {
        URI base = URI.create(server.base());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertJsonError(String response, int status, String code) throws IOException {
        assertTrue(response.startsWith("HTTP/1.1 " + status), response);
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
        assertTrue(head.contains("content-type: application/json"), response);
        assertTrue(head.contains("content-security-policy:") && head.contains("x-content-type-options: nosniff"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertError(status, code, status, body);
    }

    @Test
    void jettyLevelErrorsAreJsonWithTheSecurityHeaders() throws IOException {
        assertJsonError(raw("GARBAGE\r\n\r\n"), 400, "bad_request");
        assertJsonError(raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414, "uri_too_long");
        assertJsonError(raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"), 431, "headers_too_large");
        assertJsonError(raw("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), 400, "bad_request");
    }
}
