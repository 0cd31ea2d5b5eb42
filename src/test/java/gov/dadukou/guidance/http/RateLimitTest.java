package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.Cidr;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.store.PostgresSettings;
import gov.dadukou.guidance.store.SharedBuckets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One client cannot flood the public API: questions per minute, public writes per hour, per address. */
class RateLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private TestServer server(AppConfig.Limits limits) {
        return new TestServer(AppConfig.forDirs(data, TestServer.SHIPPED_KB).withDense(false).withLimits(limits), Clock.systemUTC());
    }

    private static HttpResponse<String> post(TestServer s, String path, String body, String forwardedFor) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return s.exchange(b);
    }

    private static String question() {
        return "{\"question\":\"营业执照要挂出来吗\"}";
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void aClientOverItsQuestionLimitGets429WithRetryAfterInTheUsualErrorShape() throws Exception {
        try (TestServer s = server(new AppConfig.Limits(3, 0, List.of(), 0))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, post(s, "/api/chat", question(), null).statusCode());
            }
            HttpResponse<String> limited = post(s, "/api/chat", question(), null);
            assertEquals(429, limited.statusCode());
            assertEquals("rate_limited", json(limited).at("/error/code").asText());
            assertTrue(json(limited).at("/error/message").asText().contains("请"), limited.body());
            long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
            assertEquals(200, s.get("/health").status(), "reading pages is not limited");
        }
    }

    @Test
    void feedbackConsentsAndWithdrawalsShareOneHourlyBudgetOfWrites() throws Exception {
        try (TestServer s = server(new AppConfig.Limits(0, 2, List.of(), 0))) {
            for (int i = 0; i < 2; i++) {
                int status = post(s, "/api/feedback", "{\"helpful\":true}", null).statusCode();
                assertTrue(status != 429 && status < 500, "write " + i + " is let through (a refused one counts too): " + status);
            }
            HttpResponse<String> third = post(s, "/api/consents", "{}", null);
            assertEquals(429, third.statusCode(), third.body());
            HttpResponse<String> withdraw = post(s, "/api/consents/r-1/withdraw", "{}", null);
            assertEquals(429, withdraw.statusCode());
            assertTrue(Long.parseLong(withdraw.headers().firstValue("Retry-After").orElseThrow()) > 60,
                    "an hourly budget asks to wait minutes, not seconds");
            assertEquals(200, post(s, "/api/chat", question(), null).statusCode(), "questions have their own budget");
        }
    }

    @Test
    void zeroTurnsTheLimitsOff() {
        try (TestServer s = server(AppConfig.Limits.off())) {
            for (int i = 0; i < 40; i++) {
                assertEquals(200, post(s, "/api/chat", question(), null).statusCode());
                assertTrue(post(s, "/api/feedback", "{}", null).statusCode() != 429);
            }
        }
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() {
        try (TestServer trusting = server(new AppConfig.Limits(2, 0, List.of(Cidr.parse("127.0.0.1/32")), 0))) {
            post(trusting, "/api/chat", question(), "203.0.113.7");
            post(trusting, "/api/chat", question(), "203.0.113.7");
            assertEquals(429, post(trusting, "/api/chat", question(), "203.0.113.7").statusCode());
            assertEquals(200, post(trusting, "/api/chat", question(), "203.0.113.8").statusCode(),
                    "another client behind the same proxy has its own budget");
            assertEquals(429, post(trusting, "/api/chat", question(), "198.51.100.1, 203.0.113.7").statusCode(),
                    "what the client wrote at the left of the header is not believed");
        }
    }

    @Test
    void withoutTrustedProxiesForwardedForIsIgnored() {
        try (TestServer plain = server(new AppConfig.Limits(2, 0, List.of(), 0))) {
            post(plain, "/api/chat", question(), "203.0.113.7");
            post(plain, "/api/chat", question(), "203.0.113.8");
            assertEquals(429, post(plain, "/api/chat", question(), "203.0.113.9").statusCode(),
                    "a client cannot escape its limit by inventing addresses");
        }
    }

    @Test
    void theLimiterRemembersABoundedNumberOfAddresses() {
        RateLimits limits = new RateLimits(new AppConfig.Limits(5, 5, List.of(), 0));
        for (int i = 0; i < RateLimits.MAX_TRACKED_ADDRESSES + 50_000; i++) {
            limits.check(RateLimits.Kind.CHAT, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertTrue(limits.tracked() <= RateLimits.MAX_TRACKED_ADDRESSES, "tracked " + limits.tracked());
    }

    @Test
    void whenTheSharedBucketsCannotBeReachedTheInstanceStillLimitsWithItsOwn() {
        // Nothing listens on port 1: every shared check fails (after the pool's connection timeout).
        try (SharedBuckets unreachable = SharedBuckets.open(new PostgresSettings("jdbc:postgresql://127.0.0.1:1/none", "nobody", "x"))) {
            RateLimits limits = new RateLimits(new AppConfig.Limits(0, 2, List.of(), 0), unreachable);
            assertTrue(limits.shared(RateLimits.Kind.WRITE));
            limits.check(RateLimits.Kind.WRITE, "203.0.113.7");
            long t0 = System.nanoTime();
            limits.check(RateLimits.Kind.WRITE, "203.0.113.7");
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "after one failure the next check does not wait for the database");
            ClientException refused = assertThrows(ClientException.class, () -> limits.check(RateLimits.Kind.WRITE, "203.0.113.7"));
            assertEquals(429, refused.status());
            assertTrue(refused.retryAfterSeconds() > 60, "the hourly budget, from the in-memory bucket");
        }
    }

    @Test
    void onlyTheWritesAreSharedByDefaultQuestionsStayPerInstance() {
        try (SharedBuckets unreachable = SharedBuckets.open(new PostgresSettings("jdbc:postgresql://127.0.0.1:1/none", "nobody", "x"))) {
            RateLimits limits = new RateLimits(AppConfig.Limits.defaults(), unreachable);
            assertTrue(limits.shared(RateLimits.Kind.WRITE));
            assertFalse(limits.shared(RateLimits.Kind.CHAT));
            assertFalse(new RateLimits(AppConfig.Limits.defaults()).shared(RateLimits.Kind.WRITE), "SQLite: all in memory");
        }
    }
}
