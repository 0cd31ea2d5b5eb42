package gov.dadukou.guidance.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.ServerProcess;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 201 means the consent is on disk: the real server runs as a separate process, several threads send
 * consents, the process is killed with SIGKILL mid-stream, and after a restart every acknowledged
 * consent is there and the chain verifies.
 */
class ConsentDurabilityTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedConsentSurvivesSigkill() throws Exception {
        ServerProcess server = ServerProcess.start(dataDir.resolve("logs"), Map.of("DATA_DIR", dataDir.toString()));
        int port = server.port();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try {
            int notice = JSON.readTree(get(port, "/api/consent/notice")).get("version").asInt();
            AtomicInteger serial = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(40);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            List<Thread> senders = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread sender = new Thread(() -> {
                    while (true) {
                        String first17 = String.format("915001040000%05d", serial.incrementAndGet());
                        String body = "{\"companyName\":\"测试公司\",\"creditCode\":\"" + first17 + CreditCode.checkCharacter(first17)
                                + "\",\"contactName\":\"张三\",\"phone\":\"13812341234\",\"topics\":[\"食品安全\"],\"noticeVersion\":"
                                + notice + ",\"agreed\":true}";
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/consents"))
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                acknowledged.add(JSON.readTree(r.body()).get("receiptId").asText());
                                enough.countDown();
                            }
                        } catch (IOException | InterruptedException e) {
                            return; // the server is gone
                        }
                    }
                });
                sender.start();
                senders.add(sender);
            }
            assertTrue(enough.await(60, java.util.concurrent.TimeUnit.SECONDS), "consents were not acknowledged");
            server.kill(); // SIGKILL: no shutdown hook runs
            for (Thread sender : senders) {
                sender.join(10_000);
            }
        } finally {
            server.kill();
        }
        assertTrue(acknowledged.size() >= 40);

        // A restart proves the file opens and migrates after the kill; a clean stop then checkpoints it.
        ServerProcess.start(dataDir.resolve("logs"), Map.of("DATA_DIR", dataDir.toString())).close();
        try (Database db = Database.open(dataDir.resolve("guidance.db"))) {
            ConsentService consent = new ConsentService(db, Clock.systemUTC(), List.of("食品安全"),
                    new ConsentService.NoticeSettings("x", "y", "z"));
            ConsentLedger.Verification check = consent.verify();
            assertTrue(check.ok(), String.valueOf(check));
            Set<String> stored = ConcurrentHashMap.newKeySet();
            consent.all(false).forEach(v -> stored.add(v.receiptId()));
            for (String id : acknowledged) {
                assertTrue(stored.contains(id), "acknowledged consent lost: " + id);
            }
        }
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("status " + r.statusCode());
        }
        return r.body();
    }
}
