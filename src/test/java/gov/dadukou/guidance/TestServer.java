package gov.dadukou.guidance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.http.HttpApp;
import io.javalin.Javalin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** The real application on a free port, with its own data directory, for HTTP-level tests. */
public final class TestServer implements AutoCloseable {
    public static final Path SHIPPED_KB = Path.of("knowledge-base");
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Assistant assistant;
    private final Javalin app;
    private final HttpClient client = HttpClient.newHttpClient();

    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public TestServer(Path dataDir, Path kbDir) {
        this(AppConfig.forDirs(dataDir, kbDir), Clock.systemUTC());
    }

    public TestServer(AppConfig config, Clock clock) {
        this(Assistant.start(TestDatabases.forTest(config), clock));
    }

    /** With the channel that sends one-time codes to phones (a capturing one in tests). */
    public TestServer(AppConfig config, Clock clock, gov.dadukou.guidance.consent.CodeSender codes) {
        this(Assistant.start(TestDatabases.forTest(config), clock, codes));
    }

    private TestServer(Assistant assistant) {
        this.assistant = assistant;
        this.app = HttpApp.create(assistant).start();
    }

    public static TestServer shipped(Path dataDir) {
        return new TestServer(dataDir, SHIPPED_KB);
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
    }

    public Response post(String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    public JsonNode chat(String question, String sessionId) {
        ObjectMapper m = JSON;
        var body = m.createObjectNode().put("question", question);
        if (sessionId != null) {
            body.put("sessionId", sessionId);
        }
        Response r = post("/api/chat", "application/json", body.toString());
        if (r.status() != 200) {
            throw new AssertionError("chat returned " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    /** Any request, with its headers in the response (for tests of status lines and headers). */
    public HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        app.stop();
        assistant.close();
    }
}
