package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-time codes through the operator's SMS gateway ({@code CODE_WEBHOOK_URL}): what the gateway receives, that it
 * can check the signature, that the code it texts makes a consent verified, and that a gateway failure is a 503
 * after which the code may be asked for again at once.
 */
class SmsGatewayCodesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "gateway-secret";

    record Received(String body, String signature, String idempotencyKey) {
    }

    @TempDir
    Path dataDir;
    HttpServer gateway;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile int answer = 200;
    TestServer server;

    @BeforeEach
    void start() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/sms", exchange -> {
            received.add(new Received(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Signature"), exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        gateway.start();
        URI url = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms");
        server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false)
                .withCodes(new AppConfig.Codes(url, SECRET)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
        gateway.stop(0);
    }

    TestServer.Response requestCode(String phone) {
        return server.post("/api/consents/codes", "application/json", JSON.createObjectNode().put("phone", phone).toString());
    }

    static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theGatewayGetsASignedMessageWithTheCodeAndTheCodeItTextsMakesTheConsentVerified() throws Exception {
        TestServer.Response issued = requestCode("13700000020");
        assertEquals(202, issued.status(), issued.body());
        assertEquals(1, received.size());
        Received sms = received.get(0);
        assertEquals(hmac(sms.body()), sms.signature(), "the gateway can tell the message is ours");
        assertTrue(sms.idempotencyKey().startsWith("consent-code-"), sms.idempotencyKey());
        JsonNode body = JSON.readTree(sms.body());
        assertEquals("consent-code", body.get("purpose").asText());
        assertEquals("13700000020", body.get("phone").asText());
        String code = body.get("code").asText();
        assertTrue(code.matches("\\d{6}"), code);
        assertEquals(10, body.get("validMinutes").asInt());
        assertTrue(body.get("text").asText().contains("验证码：" + code + "，10分钟内有效"), body.get("text").asText());

        ObjectNode consent = ConsentApiTest.valid().put("phone", "13700000020").put("code", code)
                .put("noticeVersion", server.get("/api/consent/notice").json().get("version").asInt());
        TestServer.Response receipt = server.post("/api/consents", "application/json", consent.toString());
        assertEquals(201, receipt.status(), receipt.body());
        assertTrue(receipt.json().get("verified").asBoolean(), receipt.body());
    }

    @Test
    void aGatewayThatRefusesIsA503AndTheCodeMayBeAskedForAgainAtOnce() {
        answer = 500;
        TestServer.Response refused = requestCode("13700000021");
        assertEquals(503, refused.status(), refused.body());
        assertEquals("code_not_sent", refused.json().get("error").get("code").asText());
        assertTrue(refused.json().get("error").get("message").asText().matches(".*[\\u4e00-\\u9fa5].*"), "a Chinese message");
        answer = 200;
        TestServer.Response again = requestCode("13700000021");
        assertEquals(202, again.status(), "no 60-second wait after a code that never went out: " + again.body());
        assertEquals(2, received.size());
    }
}
