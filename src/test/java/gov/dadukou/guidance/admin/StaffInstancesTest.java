package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.DatabaseInstances;
import gov.dadukou.guidance.TestClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The account checks that read before they write hold when two instances act at the same moment: one username is
 * created once (the other gets 409, never a server error), and two admins removing each other leave one admin.
 */
class StaffInstancesTest {
    static final PasswordHasher HASHER = new PasswordHasher(1_000);
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("gov.dadukou.guidance.DatabaseInstances#backends")
    void theSameUsernameCreatedOnTwoInstancesAtOnceIsCreatedOnceAndTheOtherIsTold(String backend) throws Exception {
        try (DatabaseInstances db = DatabaseInstances.of(backend, dir)) {
            StaffService a = staff(db);
            StaffService b = staff(db);
            for (int round = 0; round < 5; round++) {
                String name = "editor" + round;
                List<String> outcomes = race(
                        () -> outcome(() -> a.create(name, "editor-password-1".toCharArray(), Role.EDITOR, "区市场监管局")),
                        () -> outcome(() -> b.create(name, "editor-password-1".toCharArray(), Role.EDITOR, "区市场监管局")));
                assertEquals(List.of("409 username_taken", "created"), outcomes.stream().sorted().toList(), "round " + round);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("gov.dadukou.guidance.DatabaseInstances#backends")
    void twoAdminsDeactivatingEachOtherAtOnceOnTwoInstancesLeaveOneAdmin(String backend) throws Exception {
        for (int round = 0; round < 3; round++) {
            try (DatabaseInstances db = DatabaseInstances.of(backend, java.nio.file.Files.createDirectories(dir.resolve("round" + round)))) {
                StaffService a = staff(db);
                StaffService b = staff(db);
                StaffService.Account first = a.create("admin-a", "admin-password-a1".toCharArray(), Role.ADMIN, null);
                StaffService.Account second = a.create("admin-b", "admin-password-b1".toCharArray(), Role.ADMIN, null);
                List<String> outcomes = race(() -> outcome(() -> a.deactivate(first, second.username())),
                        () -> outcome(() -> b.deactivate(second, first.username())));
                assertEquals(List.of("409 last_admin", "created"), outcomes.stream().sorted().toList(), "round " + round);
                assertEquals(1, a.accounts().stream().filter(l -> l.active() && l.role() == Role.ADMIN).count());
            }
        }
    }

    static StaffService staff(DatabaseInstances db) {
        return new StaffService(db.open(), new TestClock(Instant.parse("2026-12-02T08:00:00Z")), HASHER, Duration.ofHours(8));
    }

    static String outcome(Runnable action) {
        try {
            action.run();
            return "created";
        } catch (ClientException e) {
            return e.status() + " " + e.code();
        }
    }

    @SafeVarargs
    static List<String> race(Callable<String>... actions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(actions.length);
        CyclicBarrier start = new CyclicBarrier(actions.length);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> action : actions) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return action.call();
                }));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
