package gov.dadukou.guidance.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import gov.dadukou.guidance.NginxServer;
import gov.dadukou.guidance.PostgresServer;
import gov.dadukou.guidance.ServerProcess;
import gov.dadukou.guidance.consent.CreditCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #16's "done when": two real server processes on one PostgreSQL database, behind the nginx configuration
 * shipped in {@code deploy/nginx/}, with both reminder schedulers running against a local webhook receiver. Consents
 * from both form one chain that {@code ledger verify} accepts; each due reminder reaches each subscriber once; an
 * entry published on one instance answers on the other within 2 s; a staff session and a chat follow-up work on
 * whichever instance a request lands; killing an instance mid-load loses no acknowledged consent while nginx keeps
 * serving from the other. The knowledge base is the shipped one plus one always-in-season reminder, so the reminder
 * check does not depend on the day the test runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesBehindNginxTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static final String ADMIN_PASSWORD = "Cluster-admin-pass-2026";
    static final String REMINDER = "cluster-test-always-in-season";
    static final int CONSENTS = 200;
    static final int VERIFIED = 20;

    @TempDir
    static Path dir;
    static PostgresServer.Database db;
    static HttpServer webhook;
    static final List<JsonNode> deliveries = new CopyOnWriteArrayList<>();
    static ServerProcess a;
    static ServerProcess b;
    static NginxServer nginx;
    static int notice;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresServer.shared().createDatabase();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            deliveries.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        Path kb = knowledgeBaseWithAnAlwaysDueReminder();
        Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", db.url(), "DATABASE_USER", db.user(),
                "DATABASE_PASSWORD", db.password(), "KB_DIR", kb.toString(), "TRUSTED_PROXIES", "127.0.0.1/32",
                "ADMIN_PASSWORD", ADMIN_PASSWORD, "WEBHOOK_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook",
                "DELIVERY_INTERVAL_SECONDS", "1", "DATABASE_POOL_SIZE", "6"));
        env.put("DATA_DIR", dir.resolve("a").toString());
        a = ServerProcess.start(dir.resolve("logs"), env);
        env.put("DATA_DIR", dir.resolve("b").toString());
        b = ServerProcess.start(dir.resolve("logs"), env);
        nginx = NginxServer.start(a.port(), b.port());
        notice = get(nginx.port(), "/api/consent/notice").get("version").asInt();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {nginx, a, b}) {
            if (c != null) {
                c.close();
            }
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    @Order(1)
    void consentsSentToBothInstancesAtOnceFormOneChainThatLedgerVerifyAccepts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < CONSENTS; i++) {
            int port = i % 2 == 0 ? a.port() : b.port();
            int n = i;
            statuses.add(pool.submit(() -> post(port, "/api/consents", consent(n)).statusCode()));
        }
        for (Future<Integer> status : statuses) {
            assertEquals(201, status.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        ProcessBuilder verify = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "gov.dadukou.guidance.Main", "ledger", "verify");
        verify.environment().putAll(Map.of("DATABASE_URL", db.url(), "DATABASE_USER", db.user(), "DATABASE_PASSWORD", db.password(),
                "DATA_DIR", dir.resolve("tool").toString()));
        Process p = verify.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("ledger OK: " + CONSENTS + " events verified"), output);
    }

    @Test
    @Order(2)
    void withBothSchedulersRunningEachVerifiedSubscriberReceivesTheDueReminderExactlyOnce() throws Exception {
        // Reminders go by phone, so only consents whose phone was verified get them (the others are cancelled). The
        // development code sender writes each code to its instance's log, which is where the test reads it.
        Set<String> verified = new HashSet<>();
        for (int i = 0; i < VERIFIED; i++) {
            ServerProcess instance = i % 2 == 0 ? a : b;
            String phone = String.format("1390000%04d", i);
            assertEquals(202, post(instance.port(), "/api/consents/codes", "{\"phone\":\"" + phone + "\"}").statusCode());
            String code = codeFromLog(instance, phone);
            HttpResponse<String> r = post(instance.port(), "/api/consents", consent(50_000 + i, phone, code));
            assertEquals(201, r.statusCode(), r.body());
            assertTrue(JSON.readTree(r.body()).get("verified").asBoolean(), r.body());
            verified.add(JSON.readTree(r.body()).get("receiptId").asText());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (ours().size() < VERIFIED && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(3_000); // both schedulers run at least twice more: a double send would show now
        Map<String, Integer> perReceipt = new HashMap<>();
        for (JsonNode d : ours()) {
            perReceipt.merge(d.path("recipient").path("receiptId").asText(), 1, Integer::sum);
        }
        assertEquals(verified, perReceipt.keySet(), "every verified subscriber got the reminder, and nobody else");
        perReceipt.forEach((receipt, times) -> assertEquals(1, times, "sent more than once to " + receipt));
    }

    static String codeFromLog(ServerProcess instance, String phone) throws Exception {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(phone.substring(0, 3) + "****" + phone.substring(7)) + " is (\\d{6})");
        for (int tries = 0; tries < 100; tries++) {
            java.util.regex.Matcher m = line.matcher(Files.readString(instance.log()));
            String code = null;
            while (m.find()) {
                code = m.group(1);
            }
            if (code != null) {
                return code;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no code in the log for " + phone);
    }

    @Test
    @Order(3)
    void aStaffSessionMadeOnOneInstanceWorksOnTheOtherUntilLoggedOutThere() throws Exception {
        Staff admin = Staff.login(a.port(), "admin", ADMIN_PASSWORD);
        assertEquals(200, admin.on(b.port()).send("GET", "/admin/api/queue/counts", null).statusCode());
        assertEquals(201 / 100, admin.on(b.port()).send("POST", "/admin/api/accounts",
                "{\"username\":\"editor1\",\"password\":\"editor-password-1\",\"role\":\"editor\",\"department\":\"区市场监管局\"}")
                .statusCode() / 100, "a state-changing request with the CSRF token made on the other instance");
        assertEquals(2, admin.on(b.port()).send("POST", "/admin/api/logout", null).statusCode() / 100);
        assertEquals(401, admin.send("GET", "/admin/api/queue/counts", null).statusCode(), "logged out everywhere");
    }

    @Test
    @Order(4)
    void anEntryPublishedOnOneInstanceAnswersOnTheOtherWithinTwoSecondsAndARetirementToo() throws Exception {
        Staff admin = Staff.login(a.port(), "admin", ADMIN_PASSWORD);
        admin.ok("POST", "/admin/api/accounts", "{\"username\":\"reviewer1\",\"password\":\"reviewer-password-1\",\"role\":\"reviewer\"}");
        Staff editor = Staff.login(a.port(), "editor1", "editor-password-1");
        Staff reviewer = Staff.login(a.port(), "reviewer1", "reviewer-password-1");
        String id = "cgj-jiqun-ceshi-zhandao";
        String question = "店门口临时卸货占用人行道要先报备吗";
        assertFalse(answers(b.port(), question, id), "not live before it is published");
        editor.ok("POST", "/admin/api/entries", entry(id, question).toString());
        editor.ok("POST", "/admin/api/entries/" + id + "/submit", null);
        reviewer.ok("POST", "/admin/api/entries/" + id + "/approve", "{\"comment\":\"法制审核通过\"}");
        reviewer.ok("POST", "/admin/api/entries/" + id + "/publish", null);
        long published = System.nanoTime();
        while (!answers(b.port(), question, id)) {
            assertTrue(System.nanoTime() - published < TimeUnit.SECONDS.toNanos(2), "not answering on the other instance after 2 s");
            Thread.sleep(50);
        }
        reviewer.ok("POST", "/admin/api/entries/" + id + "/retire", null);
        long retired = System.nanoTime();
        while (answers(b.port(), question, id)) {
            assertTrue(System.nanoTime() - retired < TimeUnit.SECONDS.toNanos(2), "still answering on the other instance after 2 s");
            Thread.sleep(50);
        }
    }

    @Test
    @Order(5)
    void aFollowUpAnsweredByTheOtherInstanceKeepsItsContext() throws Exception {
        JsonNode first = chat(a.port(), "营业执照要挂出来吗", "cluster-follow-1");
        JsonNode second = chat(b.port(), "那不挂会怎么样？", "cluster-follow-1");
        assertTrue(second.get("matched").asBoolean(), second.toString());
        assertEquals(first.get("sources").get(0).get("id"), second.get("sources").get(0).get("id"));
    }

    @Test
    @Order(6)
    void killingOneInstanceMidLoadLosesNoAcknowledgedConsentAndNginxKeepsServing() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger afterKill = new AtomicInteger();
        AtomicInteger serial = new AtomicInteger(10_000);
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread sender = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = post(nginx.port(), "/api/consents", consent(serial.incrementAndGet()));
                        if (r.statusCode() == 201) {
                            acknowledged.add(JSON.readTree(r.body()).get("receiptId").asText());
                            if (killed.get()) {
                                afterKill.incrementAndGet();
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        // a request cut by the kill is not acknowledged: the client would retry it
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }
        while (acknowledged.size() < 40) {
            Thread.sleep(20);
        }
        a.kill();
        killed.set(true);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            Thread.sleep(100);
        }
        stop.set(true);
        for (Thread sender : senders) {
            sender.join(15_000);
        }
        assertTrue(afterKill.get() >= 20, "nginx kept serving consents from the other instance: " + afterKill.get());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(nginx.base() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        Set<String> stored = new HashSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT receipt_id FROM consent_state")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        for (String receipt : acknowledged) {
            assertTrue(stored.contains(receipt), "acknowledged consent lost: " + receipt);
        }
    }

    // ---- helpers ----

    static List<JsonNode> ours() {
        return deliveries.stream().filter(d -> REMINDER.equals(d.path("reminder").path("id").asText())).toList();
    }

    static Path knowledgeBaseWithAnAlwaysDueReminder() throws IOException {
        Path kb = dir.resolve("kb");
        Path shipped = Path.of("knowledge-base");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path f : files.toList()) {
                Path to = kb.resolve(shipped.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Files.writeString(kb.resolve("entries/cluster-test.yaml"), """
                entries:
                  - id: %s
                    kind: 执法事项提示
                    title: 集群测试用提醒（测试条目，全年有效）
                    questions:
                      - 集群测试用提醒是什么
                      - 集群测试的提醒讲的啥
                      - 测试提醒全年都有吗
                      - 这个测试提醒要管吗
                    answer: 这是集群测试使用的提醒，不是真实的提示内容。
                    department: 区市场监管局
                    method: 执法事项提示
                    legalBasis:
                      - law: 食品安全法
                    reviewed: 2026-12-02
                    topics: [食品安全]
                    verify: 测试条目，不发布
                    window:
                      from: "01-01"
                      to: "12-31"
                """.formatted(REMINDER));
        return kb;
    }

    static String consent(int n) {
        return consent(n, "13812341234", null);
    }

    static String consent(int n, String phone, String code) {
        String first17 = String.format("915001040001%05d", n);
        return "{\"companyName\":\"集群测试公司" + n + "\",\"creditCode\":\"" + first17 + CreditCode.checkCharacter(first17)
                + "\",\"contactName\":\"张三\",\"phone\":\"" + phone + "\",\"topics\":[\"食品安全\"],\"noticeVersion\":" + notice
                + ",\"agreed\":true" + (code == null ? "" : ",\"code\":\"" + code + "\"") + "}";
    }

    static ObjectNode entry(String id, String question) {
        ObjectNode e = JSON.createObjectNode().put("id", id).put("kind", "行政指导事项")
                .put("title", "临时占道卸货事先报备（集群测试条目）")
                .put("answer", "测试答案：临时占道卸货前请先向主管部门报备。")
                .put("department", "区市场监管局").put("method", "提示提醒").put("reviewed", "2026-12-02")
                .put("verify", "测试条目：仅用于集群测试");
        e.putArray("questions").add(question).add("门口卸货占道要报备吗").add("临时占道卸货找谁报备").add("卸货占用人行道要审批吗");
        e.putArray("legalBasis").addObject().put("law", "城市道路管理条例");
        return e;
    }

    static boolean answers(int port, String question, String id) throws Exception {
        JsonNode r = chat(port, question, null);
        return r.path("matched").asBoolean() && id.equals(r.path("sources").path(0).path("id").asText());
    }

    static JsonNode chat(int port, String question, String sessionId) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("question", question);
        if (sessionId != null) {
            body.put("sessionId", sessionId);
        }
        HttpResponse<String> r = post(port, "/api/chat", body.toString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(int port, String path) throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A signed-in staff member: the session cookie and CSRF token, sent to whichever instance {@code port} is. */
    record Staff(int port, String cookie, String csrf) {
        static Staff login(int port, String user, String password) throws Exception {
            HttpResponse<String> r = post(port, "/admin/api/login",
                    JSON.createObjectNode().put("username", user).put("password", password).toString());
            assertEquals(200, r.statusCode(), r.body());
            return new Staff(port, r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
                    JSON.readTree(r.body()).get("csrfToken").asText());
        }

        Staff on(int otherPort) {
            return new Staff(otherPort, cookie, csrf);
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("Cookie", cookie);
            if (!method.equals("GET")) {
                req.header("X-CSRF-Token", csrf);
            }
            return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode ok(String method, String path, String body) throws Exception {
            HttpResponse<String> r = send(method, path, body);
            assertEquals(2, r.statusCode() / 100, method + " " + path + ": " + r.statusCode() + " " + r.body());
            return JSON.readTree(r.body());
        }
    }
}
