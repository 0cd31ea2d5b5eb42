package gov.dadukou.guidance.http;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.Cidr;
import gov.dadukou.guidance.PostgresServer;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.store.PostgresSettings;
import gov.dadukou.guidance.store.SharedBuckets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not a test: the measurement behind docs/benchmarks.md ("Shared rate limits on PostgreSQL"). Skipped unless
 * asked for: {@code mvn -q -o test -Dtest=RateLimitLatencyBenchmark -Dratelimit.bench=true}. What a chat
 * request pays for a bucket in PostgreSQL instead of memory: (1) the check alone, shared vs in-memory, for a
 * returning client and for a client seen for the first time (its row is inserted); (2) whole
 * {@code POST /api/chat} requests to two instances on one database, one with the chat limit on and one with
 * it off, alternating so that both see the same machine noise. Since the question limit is per instance
 * (RateLimits.SHARED_BY_DEFAULT), (2) measures the default; the whole-request figure with a shared chat
 * bucket in docs/benchmarks.md was taken with CHAT shared, before that decision. Medians of {@value #RUNS}
 * after {@value #WARM_UP} warm-up runs; appended to {@code target/ratelimit-bench.txt}. Asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "ratelimit.bench", matches = "true")
class RateLimitLatencyBenchmark {
    static final int RUNS = 200;
    static final int WARM_UP = 100;
    static final List<String> QUESTIONS = List.of("营业执照要挂出来吗", "个体户要不要年报", "食品经营许可证过期了怎么办",
            "开网店执照要放到店铺首页吗", "电子营业执照有用吗");

    @RegisterExtension
    static final PostgresServer.Fresh pg = PostgresServer.freshDatabaseEachTest();
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void medianAddedLatencyOfASharedChatBucket() throws Exception {
        PostgresServer.Database d = pg.database();
        PostgresSettings settings = new PostgresSettings(d.url(), d.user(), d.password(), 4);
        AppConfig.Limits on = new AppConfig.Limits(1_000_000, 0, List.of(Cidr.parse("127.0.0.1/32")), 0);
        StringBuilder out = new StringBuilder(Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "\n");
        try (TestServer limited = new TestServer(config(dirA, settings, on), Clock.systemUTC());
             TestServer unlimited = new TestServer(config(dirB, settings, AppConfig.Limits.off()), Clock.systemUTC());
             SharedBuckets shared = SharedBuckets.open(settings)) {
            RateLimits inDatabase = new RateLimits(on, shared, java.util.EnumSet.of(RateLimits.Kind.CHAT));
            RateLimits inMemory = new RateLimits(on);
            out.append(roundTrips(d));
            out.append(checks("check, returning client", inDatabase, inMemory, i -> "203.0.113.1"));
            out.append(checks("check, new client each time", inDatabase, inMemory, i -> "10.1." + (i >> 8 & 255) + "." + (i & 255)));
            out.append(checks("check, returning client, one every 20 ms (as questions come)", inDatabase, inMemory, i -> {
                sleep(20);
                return "203.0.113.2";
            }));
            out.append(chats(limited, unlimited));
        }
        System.out.print(out);
        Files.writeString(Path.of("target", "ratelimit-bench.txt"), out + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static AppConfig config(Path dir, PostgresSettings settings, AppConfig.Limits limits) {
        return AppConfig.forDirs(dir, TestServer.SHIPPED_KB).withDense(false).withLimits(limits).withDatabase(settings);
    }

    private static String checks(String what, RateLimits shared, RateLimits memory, java.util.function.IntFunction<String> address) {
        long[] db = new long[RUNS];
        long[] mem = new long[RUNS];
        for (int i = -WARM_UP; i < RUNS; i++) {
            String client = address.apply(i + WARM_UP + (what.contains("new") ? 1_000 : 0));
            long t0 = System.nanoTime();
            shared.check(RateLimits.Kind.CHAT, client);
            long t1 = System.nanoTime();
            memory.check(RateLimits.Kind.CHAT, client);
            long t2 = System.nanoTime();
            if (i >= 0) {
                db[i] = t1 - t0;
                mem[i] = t2 - t1;
            }
        }
        return String.format("%s: shared in PostgreSQL median %.3f ms (p90 %.3f), in memory median %.4f ms%n", what,
                median(db) / 1e6, p90(db) / 1e6, median(mem) / 1e6);
    }

    /** The reference under the same load: one transaction of one {@code SELECT 1} on an open connection. */
    private static String roundTrips(PostgresServer.Database d) throws java.sql.SQLException {
        long[] t = new long[RUNS];
        try (java.sql.Connection c = d.connect(); java.sql.Statement s = c.createStatement()) {
            for (int i = -WARM_UP; i < RUNS; i++) {
                long t0 = System.nanoTime();
                s.executeQuery("SELECT 1").close();
                if (i >= 0) {
                    t[i] = System.nanoTime() - t0;
                }
            }
        }
        return String.format("reference: one SELECT 1 round trip median %.3f ms (p90 %.3f); load average %s%n", median(t) / 1e6, p90(t) / 1e6,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String chats(TestServer limited, TestServer unlimited) {
        long[] with = new long[RUNS];
        long[] without = new long[RUNS];
        for (int i = -WARM_UP; i < RUNS; i++) {
            String body = "{\"question\":\"" + QUESTIONS.get(Math.floorMod(i, QUESTIONS.size())) + "\"}";
            // Alternate which goes first, so that neither always runs on a warmer cache.
            boolean limitedFirst = i % 2 == 0;
            long a = chat(limitedFirst ? limited : unlimited, body);
            long b = chat(limitedFirst ? unlimited : limited, body);
            if (i >= 0) {
                with[i] = limitedFirst ? a : b;
                without[i] = limitedFirst ? b : a;
            }
        }
        return String.format("POST /api/chat: chat limit on (the default: per-instance bucket) median %.3f ms (p90 %.3f), limit off median %.3f ms (p90 %.3f), "
                + "added %.3f ms at the median%n", median(with) / 1e6, p90(with) / 1e6, median(without) / 1e6, p90(without) / 1e6,
                (median(with) - median(without)) / 1e6);
    }

    private static long chat(TestServer server, String body) {
        long t0 = System.nanoTime();
        int status = StaffClient.send(server, "POST", "/api/chat", null, null, body, "203.0.113.9").statusCode();
        long t = System.nanoTime() - t0;
        assertEquals(200, status);
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static double p90(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(s.length * 0.9) - 1];
    }
}
