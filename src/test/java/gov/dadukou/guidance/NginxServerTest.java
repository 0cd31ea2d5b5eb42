package gov.dadukou.guidance;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped nginx config (deploy/nginx/guidance-assistant.conf) in front of two small backends. */
class NginxServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A JDK HTTP server that answers with its name and records what reached it. */
    private static final class Backend implements AutoCloseable {
        final String name;
        final HttpServer server;
        final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger posts = new AtomicInteger();
        volatile int status = 200;

        Backend(String name) throws IOException {
            this.name = name;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> request = new ConcurrentHashMap<>();
                request.put("method", exchange.getRequestMethod());
                request.put("bodyLength", String.valueOf(body.length));
                request.put("body", new String(body, StandardCharsets.UTF_8));
                for (String h : List.of("X-Forwarded-For", "X-Forwarded-Proto", "Host")) {
                    String v = exchange.getRequestHeaders().getFirst(h);
                    request.put(h, v == null ? "" : v);
                }
                seen.add(request);
                if (exchange.getRequestMethod().equals("POST")) {
                    posts.incrementAndGet();
                }
                byte[] answer = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) { // nginx before its backends
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private HttpResponse<String> get(NginxServer nginx, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(nginx.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(NginxServer nginx, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(nginx.base() + "/api/chat"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void requestsAreSpreadOverBothInstancesWithTheForwardingHeaders() throws Exception {
        Backend a = opened(new Backend("a"));
        Backend b = opened(new Backend("b"));
        NginxServer nginx = opened(NginxServer.start(a.port(), b.port()));
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(nginx.base() + "/api/topics"))
                    .header("X-Forwarded-For", "203.0.113.9").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), nginx.logs());
        }
        assertEquals(5, a.seen.size(), "round robin");
        assertEquals(5, b.seen.size(), "round robin");
        Map<String, String> one = a.seen.get(0);
        assertEquals("203.0.113.9, 127.0.0.1", one.get("X-Forwarded-For"),
                "nginx appends the address it saw, to the right of what the client claimed");
        assertEquals("http", one.get("X-Forwarded-Proto"));
        assertEquals("127.0.0.1", one.get("Host"), "the host name the client asked for ($host: without the port)");
        assertFalse(get(nginx, "/nope").headers().firstValue("Server").orElse("").matches(".*\\d.*"),
                "no nginx version in the Server header");
    }

    @Test
    void aBodyAsLargeAsTheApplicationAcceptsArrivesWhole() throws Exception {
        Backend a = opened(new Backend("a"));
        NginxServer nginx = opened(NginxServer.start(a.port()));
        String body = "问".repeat(16 * 1024 / 3) + "x".repeat(16 * 1024 % 3); // exactly 16 KB of UTF-8
        assertEquals(16 * 1024, body.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(200, post(nginx, body).statusCode(), nginx.logs());
        assertEquals(body, a.seen.get(0).get("body"));
    }

    @Test
    void aLargerBodyIsRefusedByNginxWithTheApplicationsJsonError() throws Exception {
        Backend a = opened(new Backend("a"));
        NginxServer nginx = opened(NginxServer.start(a.port()));
        HttpResponse<String> r = post(nginx, "x".repeat(100 * 1024));
        assertEquals(413, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("\"code\":\"body_too_large\"") && r.body().contains("提交的内容太长了"), r.body());
        assertEquals(0, a.seen.size(), "the instance never sees it");
    }

    @Test
    void whenOneInstanceStopsRequestsKeepSucceedingFromTheOther() throws Exception {
        Backend a = opened(new Backend("a"));
        Backend b = opened(new Backend("b"));
        NginxServer nginx = opened(NginxServer.start(a.port(), b.port()));
        assertEquals(200, get(nginx, "/").statusCode());
        a.close();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = get(nginx, "/api/topics");
            assertEquals(200, r.statusCode(), nginx.logs());
            assertEquals("b", r.body());
        }
        // A POST refused at connect was never sent, so nginx may and does send it to the other instance.
        for (int i = 0; i < 4; i++) {
            assertEquals(200, post(nginx, "{\"question\":\"" + i + "\"}").statusCode(), nginx.logs());
        }
        assertEquals(4, b.posts.get());
    }

    @Test
    void aPostThatReachedAnInstanceIsNeverSentTwice() throws Exception {
        Backend a = opened(new Backend("a"));
        Backend b = opened(new Backend("b"));
        a.status = 503; // overloaded: GETs are retried elsewhere, POSTs it received are not
        NginxServer nginx = opened(NginxServer.start(a.port(), b.port()));
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = post(nginx, "{\"question\":\"" + i + "\"}");
            refused += r.statusCode() == 503 ? 1 : 0;
        }
        assertEquals(6, a.posts.get() + b.posts.get(), "each POST reached exactly one instance");
        assertEquals(a.posts.get(), refused, "the instance's own 503 goes back to the client");
        assertTrue(refused > 0, "round robin sent some POSTs to the overloaded instance");
        for (int i = 0; i < 6; i++) {
            assertEquals(200, get(nginx, "/api/topics").statusCode(), "a GET is retried on the other instance");
        }
    }

    @Test
    void whenNoInstanceAnswersTheClientGetsTheApplicationsJsonError() throws Exception {
        Backend a = new Backend("a");
        int port = a.port();
        a.close();
        NginxServer nginx = opened(NginxServer.start(port));
        HttpResponse<String> r = get(nginx, "/api/topics");
        assertEquals(502, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("\"code\":\"internal_error\"") && r.body().contains("12345"), r.body());
    }

    @Test
    void theRewriteOfTheShippedFileChangesOnlyTheListenAndServerLines() throws IOException {
        String shipped = Files.readString(NginxServer.SHIPPED_CONF, StandardCharsets.UTF_8);
        String rewritten = NginxServer.rewrite(shipped, 4000, 5001, 5002, 5003);
        assertTrue(rewritten.contains("    listen 127.0.0.1:4000;\n"));
        assertTrue(rewritten.contains("    server 127.0.0.1:5001 max_fails=2 fail_timeout=10s;\n"
                + "    server 127.0.0.1:5002 max_fails=2 fail_timeout=10s;\n"
                + "    server 127.0.0.1:5003 max_fails=2 fail_timeout=10s;\n"), rewritten);
        String directives = String.join("\n", rewritten.lines().filter(l -> !l.strip().startsWith("#")).toList());
        assertFalse(directives.contains(":8081") || directives.contains(":8082") || directives.contains("listen 80;"), directives);
        List<String> before = shipped.lines().filter(l -> !l.matches("\\s*(listen 80|server 127\\.0\\.0\\.1:\\d+.*);")).toList();
        List<String> after = rewritten.lines().filter(l -> !l.matches("\\s*(listen 127\\.0\\.0\\.1:\\d+|server 127\\.0\\.0\\.1:\\d+.*);")).toList();
        assertEquals(before, after, "every other line is the shipped one");
        assertThrows(IllegalStateException.class, () -> NginxServer.rewrite(shipped.replace("listen 80;", "listen 8080;"), 1, 2));
    }
}
