package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.Role;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server for the 留言咨询 tests: Wednesday 2 December 2026, 08:34 Beijing time; five working days; 7 December an
 * extra closure; a local webhook receiver that records every notice; an admin, an editor of 区市场监管局, an editor of
 * another department and a reviewer.
 */
final class MessageFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    static final String ROUTED = "食品经营许可证丢了怎么补办";   // the chat's candidates are all 区市场监管局's
    static final String UNCLEAR = "养蜂需要什么手续";                // candidates of several departments: triage
    static final String DEPT = "区市场监管局";

    final TestServer server;
    final TestClock clock = new TestClock(Instant.parse("2026-12-02T00:34:00Z"));
    final HttpServer receiver;
    /** Every notice received: its Idempotency-Key and body. */
    final List<String[]> notices = new CopyOnWriteArrayList<>();
    /** The receiver's HTTP status: 200, or an error to make sends fail. */
    volatile int answer = 200;
    private final HttpClient http = HttpClient.newHttpClient();

    MessageFixture(Path dir) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            notices.add(new String[] {exchange.getRequestHeaders().getFirst("Idempotency-Key"), new String(body, StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
        AppConfig config = AppConfig.forDirs(dir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD)
                .withMessages(new AppConfig.Messages(5, List.of(LocalDate.of(2026, 12, 7))))
                .withDelivery(new AppConfig.Delivery(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                        null, 3, Duration.ofSeconds(60)));
        server = new TestServer(config, clock);
        server.assistant.staff().create("scjg1", "editor-password-1".toCharArray(), Role.EDITOR, DEPT);
        server.assistant.staff().create("other1", "editor-password-2".toCharArray(), Role.EDITOR, "区城市管理局");
        server.assistant.staff().create("lawyer1", "lawyer-password-1".toCharArray(), Role.REVIEWER, null);
    }

    StaffClient admin() {
        return StaffClient.login(server, "admin", ADMIN_PASSWORD);
    }

    StaffClient editor() {
        return StaffClient.login(server, "scjg1", "editor-password-1");
    }

    StaffClient otherEditor() {
        return StaffClient.login(server, "other1", "editor-password-2");
    }

    StaffClient reviewer() {
        return StaffClient.login(server, "lawyer1", "lawyer-password-1");
    }

    static ObjectNode message(String question) {
        return JSON.createObjectNode().put("question", question);
    }

    static ObjectNode withCallback(String question) {
        return message(question).put("companyName", "重庆某某餐饮有限公司").put("contactName", "张三").put("phone", "138 1234 1234")
                .put("callbackConsent", true).put("noticeVersion", 1);
    }

    TestServer.Response post(String path, JsonNode body) {
        return server.post(path, "application/json", body.toString());
    }

    /** A request with the message token in the header. */
    TestServer.Response withToken(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("X-Message-Token", token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new TestServer.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Submits and returns the 201 body. */
    JsonNode submit(JsonNode body) {
        TestServer.Response r = post("/api/messages", body);
        if (r.status() != 201) {
            throw new AssertionError("submit: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    static String basis() {
        return "{\"text\":\"食品经营许可证遗失的，可以向原发证部门申请补办。\",\"legalBasis\":[{\"law\":\"食品经营许可和备案管理办法\"}]}";
    }

    @Override
    public void close() {
        server.close();
        receiver.stop(0);
    }
}
