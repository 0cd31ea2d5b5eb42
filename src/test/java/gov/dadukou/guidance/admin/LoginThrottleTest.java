package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login delays grow per (username, address), spraying is capped per address, and nobody else is slowed. On
 * SQLite here; {@link PostgresLoginThrottleTest} runs the same assertions on PostgreSQL.
 */
class LoginThrottleTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    @TempDir
    Path dir;
    Database db;
    LoginThrottle throttle;

    /** The database this run's throttle keeps its state in (a fresh one per test). */
    Database open() {
        return Database.open(dir.resolve("guidance.db"));
    }

    @BeforeEach
    void openDatabase() {
        db = open();
        throttle = new LoginThrottle(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    /** Failed tries, each as soon as it is allowed, from {@code at}; returns when the last one was made. */
    Instant fail(String user, String address, int times, Instant at) {
        Instant t = at;
        for (int i = 0; i < times; i++) {
            t = t.plusSeconds(throttle.waitSeconds(user, address, t));
            assertEquals(0, throttle.attempt(user, address, t));
        }
        return t;
    }

    @Test
    void theFirstTwoFailuresCostNothingAndTheThirdRefusesForTwoSeconds() {
        fail("editor1", "203.0.113.9", 2, T0);
        assertEquals(0, throttle.waitSeconds("editor1", "203.0.113.9", T0));
        fail("editor1", "203.0.113.9", 1, T0);
        assertEquals(2, throttle.waitSeconds("editor1", "203.0.113.9", T0));
        assertEquals(1, throttle.attempt("editor1", "203.0.113.9", T0.plusSeconds(1)), "refused for the second left, and not counted");
        assertEquals(0, throttle.waitSeconds("editor1", "203.0.113.9", T0.plusSeconds(2)));
    }

    @Test
    void eachFurtherFailureDoublesTheDelayUpToFifteenMinutes() {
        assertEquals(Duration.ofSeconds(2), LoginThrottle.delayAfter(3));
        assertEquals(Duration.ofSeconds(4), LoginThrottle.delayAfter(4));
        assertEquals(Duration.ofSeconds(8), LoginThrottle.delayAfter(5));
        assertEquals(Duration.ofSeconds(512), LoginThrottle.delayAfter(11));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delayAfter(12));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delayAfter(1_000));
        Instant last = fail("editor1", "203.0.113.9", 5, T0);
        assertEquals(T0.plusSeconds(2 + 4), last, "the 4th try waited 2 s, the 5th 4 s");
        assertEquals(8, throttle.waitSeconds("editor1", "203.0.113.9", last));
    }

    @Test
    void triesStillBeingCheckedCountSoAParallelBurstCannotSlipThroughTheFreeWindow() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(0, throttle.attempt("admin", "203.0.113.9", T0), "try " + (i + 1) + " is let through");
        }
        assertEquals(2, throttle.attempt("admin", "203.0.113.9", T0), "the 4th, before any of the three has finished");
    }

    @Test
    void failuresFromOneAddressDoNotSlowTheSameAccountAnywhereElse() {
        Instant last = fail("admin", "203.0.113.9", 10, T0);
        assertEquals(256, throttle.waitSeconds("admin", "203.0.113.9", last));
        assertEquals(0, throttle.attempt("admin", "198.51.100.7", last));
    }

    @Test
    void twentyFailuresAcrossUsernamesRefuseThatAddressUntilTheOldestAgesOut() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
            assertEquals(0, throttle.attempt("user" + i, "203.0.113.9", T0.plusSeconds(i)));
        }
        Instant now = T0.plusSeconds(30);
        long wait = throttle.attempt("someone-new", "203.0.113.9", now);
        assertEquals(LoginThrottle.ADDRESS_WINDOW.toSeconds() - 30, wait);
        assertEquals(0, throttle.attempt("someone-new", "198.51.100.7", now), "another address is not refused");
        assertEquals(0, throttle.waitSeconds("someone-new", "203.0.113.9", now.plusSeconds(wait)));
    }

    @Test
    void aSuccessTakesBackOnlyItsOwnTryFromTheAddressCount() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES - 1; i++) {
            throttle.attempt("user" + i, "203.0.113.9", T0);
        }
        assertEquals(0, throttle.attempt("editor1", "203.0.113.9", T0));
        throttle.succeeded("editor1", "203.0.113.9", T0);
        assertEquals(0, throttle.waitSeconds("editor1", "203.0.113.9", T0), "a colleague's success is not held against the office");
        throttle.attempt("user-x", "203.0.113.9", T0);
        assertTrue(throttle.waitSeconds("editor1", "203.0.113.9", T0) > 0, "the sprayer's 19 earlier failures still count");
    }

    @Test
    void anUnlockClearsTheAccountAtEveryAddressAndTheCountsStartAgainADayLater() {
        fail("reviewer1", "203.0.113.9", 4, T0);
        fail("reviewer1", "198.51.100.7", 4, T0);
        assertEquals(8, throttle.statuses(T0.plusSeconds(10)).get("reviewer1").failures());
        assertEquals(2, throttle.clear("reviewer1"));
        assertEquals(0, throttle.waitSeconds("reviewer1", "203.0.113.9", T0));

        Instant last = fail("editor1", "203.0.113.9", 5, T0);
        Instant nextDay = last.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1);
        assertEquals(0, throttle.attempt("editor1", "203.0.113.9", nextDay));
        assertEquals(0, throttle.waitSeconds("editor1", "203.0.113.9", nextDay), "one failure a day later counts as the first");
    }

    @Test
    void theDelaysSurviveARestart() {
        Instant last = fail("editor1", "203.0.113.9", 4, T0);
        assertEquals(4, new LoginThrottle(db).waitSeconds("editor1", "203.0.113.9", last), "a new throttle on the same database");
    }

    @Test
    void aSweepForgetsOnlyWhatNoLongerCounts() {
        fail("editor1", "203.0.113.9", 2, T0);
        Instant later = T0.plus(LoginThrottle.ADDRESS_WINDOW).plusSeconds(1);
        assertEquals(2, throttle.sweep(later), "the two address failures aged out");
        assertEquals(2, throttle.statuses(later).get("editor1").failures(), "the pair is kept for a day");
        assertEquals(1, throttle.sweep(T0.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1)), "a day later the pair goes too");
        assertEquals(0, throttle.statuses(later).size());
    }
}
