package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.DatabaseInstances;
import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consent ledger written by several instances at once (PostgreSQL: separate pools on one database, as
 * separate processes; SQLite: the one process's database, whose behaviour must not change).
 */
class ConsentInstancesTest {
    static final String BACKENDS = "gov.dadukou.guidance.DatabaseInstances#backends";

    @TempDir
    Path dir;
    DatabaseInstances instances;
    final CapturingCodeSender codes = new CapturingCodeSender();
    final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void close() {
        pool.shutdownNow();
        if (instances != null) {
            instances.close();
        }
    }

    ConsentService instance() {
        return new ConsentService(instances.open(), Clock.systemUTC(), ConsentLedgerTest.TOPICS, ConsentLedgerTest.SETTINGS, codes);
    }

    static String business(int n) {
        return ConsentLedgerTest.code(String.format("915001040000%05d", n));
    }

    static <T> List<T> all(List<Future<T>> futures) throws Exception {
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    /** {@code call} on every instance, released at the same moment from the pool's threads; the results in order. */
    <T> List<T> atOnce(List<ConsentService> on, java.util.function.Function<ConsentService, T> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (ConsentService instance : on) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.apply(instance);
            }));
        }
        go.countDown();
        return all(futures);
    }

    static List<Long> seqs(Database db) {
        return db.inTransaction(h -> h.createQuery("SELECT seq FROM consent_events ORDER BY seq").mapTo(Long.class).list());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BACKENDS)
    void twoHundredConsentsFromEightThreadsOnTwoInstancesFormOneChainWithContiguousSequence(String backend) throws Exception {
        instances = DatabaseInstances.of(backend, dir);
        ConsentService a = instance();
        ConsentService b = instance();
        List<Future<ConsentReceipt>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            ConsentService on = i % 2 == 0 ? a : b;
            ConsentRequest request = ConsentLedgerTest.request(business(i));
            futures.add(pool.submit(() -> on.grant(request)));
        }
        List<ConsentReceipt> receipts = all(futures);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[measure] %s: 200 consents from 8 threads on 2 instances in %.2f s (%.0f appends/s)%n",
                backend, seconds, 200 / seconds);

        ConsentLedger.Verification check = instance().verify();
        assertTrue(check.ok(), String.valueOf(check));
        assertEquals(200, check.events());
        assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), seqs(instances.open()), "seq 1..200 without a gap");
        assertEquals(200, receipts.stream().map(ConsentReceipt::receiptId).distinct().count());
        assertEquals(200, a.activeSubscriptions().size(), "every consent is active, seen from either instance");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BACKENDS)
    void aConsentWithdrawnOnTwoInstancesAtTheSameMomentIsWithdrawnOnce(String backend) throws Exception {
        instances = DatabaseInstances.of(backend, dir);
        ConsentService a = instance();
        ConsentService b = instance();
        for (int n = 0; n < 20; n++) {
            ConsentReceipt r = a.grant(ConsentLedgerTest.request(business(n)));
            List<Map<String, String>> results = atOnce(List.of(a, b), on -> on.withdraw(r.receiptId(), r.withdrawToken()));
            assertEquals(results.get(0).get("withdrawnAt"), results.get(1).get("withdrawnAt"), "both report the one withdrawal");
            assertEquals(List.of("granted", "withdrawn"), a.view(r.receiptId(), r.withdrawToken()).history().stream()
                    .map(ConsentView.HistoryItem::event).toList());
        }
        ConsentLedger.Verification check = b.verify();
        assertTrue(check.ok(), String.valueOf(check));
        assertEquals(40, check.events());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BACKENDS)
    void verifiedConsentsAndWithdrawalsSpreadOverTwoInstancesLeaveACurrentStateThatAgreesWithTheLedger(String backend) throws Exception {
        instances = DatabaseInstances.of(backend, dir);
        List<ConsentService> both = List.of(instance(), instance());
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                // The code is asked on one instance and given on the other; every third consent is withdrawn on a third call.
                String phone = String.format("139%08d", n);
                both.get(n % 2).requestCode(phone);
                ConsentRequest request = new ConsentRequest("重庆测试公司" + n, business(n % 7), "联系人", phone,
                        List.of("食品安全"), 1, true, codes.codeFor(phone));
                ConsentReceipt r = both.get((n + 1) % 2).grant(request);
                if (n % 3 == 0) {
                    both.get(n % 2).withdraw(r.receiptId(), r.withdrawToken());
                    return false;
                }
                return r.verified();
            }));
        }
        List<Boolean> activeVerified = all(futures);
        ConsentLedger.Verification check = both.get(0).verify();
        assertTrue(check.ok(), String.valueOf(check)); // the chain, and consent_state recomputed from it
        assertEquals(60 + 20, check.events());
        assertEquals(activeVerified.stream().filter(v -> v).count(), both.get(1).activeSubscriptions().size());
        assertTrue(both.get(1).activeSubscriptions().stream().allMatch(Subscription::verified));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BACKENDS)
    void twoVerifiedConsentsOfOneContactRecordedAtOnceOnTwoInstancesLeaveExactlyOneActive(String backend) throws Exception {
        instances = DatabaseInstances.of(backend, dir);
        ConsentService a = instance();
        List<Database> dbs = List.of(instances.open(), instances.open());
        for (int n = 0; n < 10; n++) {
            ConsentRequests.Valid contact = new ConsentRequests.Valid("重庆测试公司", business(n), "联系人", "13812341234",
                    List.of("食品安全"), null);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> writes = new ArrayList<>();
            for (Database db : dbs) {
                writes.add(pool.submit(() -> {
                    go.await();
                    // What grant() does once the code is accepted: lock the ledger, then supersede and append.
                    return db.inTransaction(h -> {
                        ConsentService.record(ConsentLedger.lock(h, db.dialect()), contact, true, UUID.randomUUID().toString(),
                                ConsentLedger.sha256("token"), "2026-12-02T00:00:00.000+00:00", a.notice());
                        return null;
                    });
                }));
            }
            go.countDown();
            all(writes);
            String creditCode = business(n);
            assertEquals(1, a.activeSubscriptions().stream().filter(s -> s.creditCode().equals(creditCode)).count(),
                    "the later consent supersedes the earlier one, whichever instance wrote it");
        }
        assertTrue(a.verify().ok());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BACKENDS)
    void aPhonesFirstCodeAskedOnTwoInstancesAtOnceIsSentOnceAndTheOtherRequestIsToldToWait(String backend) throws Exception {
        instances = DatabaseInstances.of(backend, dir);
        List<ConsentService> both = List.of(instance(), instance());
        for (int n = 0; n < 10; n++) {
            String phone = String.format("136%08d", n);
            List<String> outcomes = atOnce(both, on -> {
                try {
                    on.requestCode(phone);
                    return "sent";
                } catch (CodeThrottledException e) {
                    return e.code();
                }
            });
            assertEquals(1, codes.sentTo(phone), "one message to the phone: " + outcomes);
            assertEquals(List.of("code_too_soon", "sent"), outcomes.stream().sorted().toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BACKENDS)
    void aOneTimeCodeGivenOnTwoInstancesAtOnceVerifiesOneConsentOnly(String backend) throws Exception {
        instances = DatabaseInstances.of(backend, dir);
        List<ConsentService> both = List.of(instance(), instance());
        for (int n = 0; n < 10; n++) {
            String phone = String.format("137%08d", n);
            both.get(0).requestCode(phone);
            ConsentRequest request = new ConsentRequest("重庆测试公司", business(n), "联系人", phone, List.of("食品安全"), 1, true,
                    codes.codeFor(phone));
            List<String> outcomes = atOnce(both, on -> {
                try {
                    return on.grant(request).verified() ? "verified" : "unverified";
                } catch (gov.dadukou.guidance.ClientException e) {
                    return e.code();
                }
            });
            assertEquals(1, outcomes.stream().filter("verified"::equals).count(), "the code is used once: " + outcomes);
            assertTrue(outcomes.contains("code_expired"), outcomes.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BACKENDS)
    void theDatabaseRefusesToUpdateOrDeleteLedgerEvents(String backend) {
        instances = DatabaseInstances.of(backend, dir);
        ConsentService consent = instance();
        consent.grant(ConsentLedgerTest.request(business(1)));
        Database db = instances.open();
        for (String sql : List.of("UPDATE consent_events SET at = 'x' WHERE seq = 1", "DELETE FROM consent_events",
                "UPDATE consent_notices SET text = 'x'")) {
            StoreException e = assertThrows(StoreException.class, () -> db.inTransaction(h -> h.execute(sql)), sql);
            assertTrue(String.valueOf(rootMessage(e)).contains("append-only"), sql + ": " + rootMessage(e));
        }
        if (instances.dialect() == Database.Dialect.POSTGRESQL) { // SQLite has no TRUNCATE (DELETE above is its form)
            StoreException e = assertThrows(StoreException.class, () -> db.inTransaction(h -> h.execute("TRUNCATE consent_events")));
            assertTrue(String.valueOf(rootMessage(e)).contains("append-only"), rootMessage(e));
            assertThrows(StoreException.class, () -> db.inTransaction(h -> h.execute("TRUNCATE consent_events CASCADE")));
        }
        assertEquals(List.of(1L), seqs(db));
        assertTrue(consent.verify().ok());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
