package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.PostgresServer;
import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.PostgresSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link LoginThrottleTest}'s assertions on PostgreSQL, and the reason the state moved there: two instances
 * on one database throttle as one.
 */
class PostgresLoginThrottleTest extends LoginThrottleTest {
    @RegisterExtension
    static final PostgresServer.Fresh pg = PostgresServer.freshDatabaseEachTest();

    @Override
    Database open() {
        PostgresServer.Database d = pg.database();
        return Database.open(new PostgresSettings(d.url(), d.user(), d.password(), 4));
    }

    @Test
    void failuresSpreadOverTwoInstancesDelayTheAccountExactlyAsIfTheyHadHitOne() {
        try (Database other = open()) {
            LoginThrottle a = throttle;
            LoginThrottle b = new LoginThrottle(other);
            Instant t = T0;
            assertEquals(0, a.attempt("editor1", "203.0.113.9", t));
            assertEquals(0, b.attempt("editor1", "203.0.113.9", t));
            assertEquals(0, a.attempt("editor1", "203.0.113.9", t), "the third try is let through and counted");
            assertEquals(2, b.waitSeconds("editor1", "203.0.113.9", t), "B sees the delay A's third failure set");
            assertEquals(2, b.attempt("editor1", "203.0.113.9", t.plusSeconds(0)), "and refuses the fourth");
            t = t.plusSeconds(2);
            assertEquals(0, b.attempt("editor1", "203.0.113.9", t));
            assertEquals(4, a.waitSeconds("editor1", "203.0.113.9", t), "the fourth failure, on B, doubles the delay on A");
            assertEquals(4, a.statuses(t).get("editor1").failures());
            assertEquals(1, b.clear("editor1"), "an unlock on B");
            assertEquals(0, a.waitSeconds("editor1", "203.0.113.9", t), "frees the account on A");
        }
    }

    @Test
    void aParallelBurstOverTwoInstancesGetsOnlyTheFreeTriesThrough() throws Exception {
        try (Database other = open()) {
            List<LoginThrottle> instances = List.of(throttle, new LoginThrottle(other));
            int tries = 12;
            ExecutorService pool = Executors.newFixedThreadPool(tries);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Long>> answers = new ArrayList<>();
                for (int i = 0; i < tries; i++) {
                    LoginThrottle instance = instances.get(i % 2);
                    answers.add(pool.submit(() -> {
                        start.await();
                        return instance.attempt("admin", "203.0.113.9", T0);
                    }));
                }
                start.countDown();
                int letThrough = 0;
                for (Future<Long> answer : answers) {
                    letThrough += answer.get() == 0 ? 1 : 0;
                }
                assertEquals(LoginThrottle.FREE_FAILURES, letThrough, "of " + tries + " simultaneous tries on two instances");
                assertEquals(LoginThrottle.FREE_FAILURES, throttle.statuses(T0).get("admin").failures());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
