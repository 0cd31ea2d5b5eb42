package gov.dadukou.guidance.reminders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import gov.dadukou.guidance.DatabaseInstances;
import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.consent.CapturingCodeSender;
import gov.dadukou.guidance.consent.ConsentReceipt;
import gov.dadukou.guidance.consent.ConsentRequest;
import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.consent.CreditCode;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two delivery schedulers (two instances) draining one outbox, with a local webhook receiver: each consenting
 * subscriber gets each due reminder once, a crashed instance's claims are sent by the other after the lease.
 * PostgreSQL: two pools on one database, as two processes; SQLite: the one process's database, two schedulers.
 */
class DeliveryInstancesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOPIC = "年度报告";
    static EntryStore entries;

    @TempDir
    Path dir;
    DatabaseInstances instances;
    final TestClock clock = new TestClock(Instant.parse("2027-06-10T02:00:00Z")); // annual-report reminders in season
    final CapturingCodeSender codes = new CapturingCodeSender();
    ReminderService reminders;
    HttpServer receiver;
    /** Calls received per Idempotency-Key, and the consent (receipt) each went to. */
    final Map<String, Integer> perKey = new ConcurrentHashMap<>();
    final Set<String> receipts = ConcurrentHashMap.newKeySet();
    final ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeAll
    static void load() {
        entries = EntryStore.of(KnowledgeBaseLoader.load(Path.of("knowledge-base")));
    }

    @BeforeEach
    void setUp() throws IOException {
        reminders = new ReminderService(entries, clock);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            perKey.merge(exchange.getRequestHeaders().getFirst("Idempotency-Key"), 1, Integer::sum);
            receipts.add(body.path("recipient").path("receiptId").asText());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        receiver.stop(0);
        if (instances != null) {
            instances.close();
        }
    }

    /** One instance: its database handle, consent service and scheduler (batches of {@code batch}). */
    record Instance(Database db, ConsentService consent, DeliveryScheduler scheduler) {
    }

    Instance instance(int batch) {
        Database db = instances.open();
        ConsentService consent = new ConsentService(db, clock, KnowledgeBaseLoader.load(Path.of("knowledge-base")).topics(),
                new ConsentService.NoticeSettings("测试", "12345政务服务便民热线", "测试。"), codes);
        WebhookSender hook = new WebhookSender(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                "secret", Duration.ofSeconds(5));
        return new Instance(db, consent, new DeliveryScheduler(db, reminders, consent, hook, clock,
                new DeliveryScheduler.Policy(5, Duration.ofSeconds(30), Duration.ofMinutes(10), batch, Duration.ofMinutes(5))));
    }

    /** Business n's contact consents on {@code on}, with the phone proved by a code. */
    ConsentReceipt subscribe(Instance on, int n) {
        String phone = String.format("138%08d", n);
        on.consent().requestCode(phone);
        String first17 = String.format("915001040000%05d", n);
        return on.consent().grant(new ConsentRequest("测试公司" + n, first17 + CreditCode.checkCharacter(first17), "张三", phone,
                List.of(TOPIC), on.consent().notice().version(), true, codes.codeFor(phone)));
    }

    long remindersInSeason() {
        return reminders.active(reminders.today(), TOPIC, null).size();
    }

    static List<String> statuses(Database db) {
        return db.inTransaction(h -> h.createQuery("SELECT status || ':' || COALESCE(claimed_by, '-') FROM reminder_deliveries ORDER BY id")
                .mapTo(String.class).list());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gov.dadukou.guidance.DatabaseInstances#backends")
    void twoSchedulersSendEachDueReminderToEachConsentingSubscriberExactlyOnceAndNothingToWithdrawnConsents(String backend)
            throws Exception {
        instances = DatabaseInstances.of(backend, dir);
        Instance a = instance(7);
        Instance b = instance(7);
        List<ConsentReceipt> consents = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            consents.add(subscribe(n % 2 == 0 ? a : b, n));
        }
        Set<String> withdrawn = ConcurrentHashMap.newKeySet();
        for (int n = 0; n < 5; n++) { // before anything was enqueued
            a.consent().withdraw(consents.get(n).receiptId(), consents.get(n).withdrawToken());
            withdrawn.add(consents.get(n).receiptId());
        }
        a.scheduler().enqueue(reminders.today());
        for (int n = 5; n < 10; n++) { // after their deliveries were enqueued, on the other instance
            b.consent().withdraw(consents.get(n).receiptId(), consents.get(n).withdrawToken());
            withdrawn.add(consents.get(n).receiptId());
        }

        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (Instance on : List.of(a, b)) {
            runs.add(pool.submit(() -> {
                go.await();
                int settled = 0;
                for (int round = 0; round < 30; round++) {
                    on.scheduler().enqueue(reminders.today()); // both enqueue too, at the same time
                    settled += on.scheduler().drain();
                }
                return settled;
            }));
        }
        go.countDown();
        int settled = runs.get(0).get() + runs.get(1).get();

        long expected = 20 * remindersInSeason();
        assertTrue(remindersInSeason() >= 1);
        assertEquals(expected, perKey.size(), "every consenting subscriber got every reminder in season");
        assertTrue(perKey.values().stream().allMatch(calls -> calls == 1), "no delivery was sent twice: " + perKey);
        assertTrue(receipts.stream().noneMatch(withdrawn::contains), "nothing went to a withdrawn consent");
        List<String> rows = statuses(a.db());
        assertEquals(25 * remindersInSeason(), rows.size(), "one outbox row per consent and reminder, however many enqueued");
        assertEquals(expected, rows.stream().filter(r -> r.equals("sent:-")).count(), rows.toString());
        assertEquals(5 * remindersInSeason(), rows.stream().filter(r -> r.equals("cancelled:-")).count(), rows.toString());
        assertEquals(rows.size(), settled, "each row settled by exactly one of the two schedulers");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gov.dadukou.guidance.DatabaseInstances#backends")
    void deliveriesClaimedByAnInstanceThatDiedAreSentByTheOtherOnceTheLeaseExpires(String backend) {
        instances = DatabaseInstances.of(backend, dir);
        Instance dead = instance(100);
        Instance alive = instance(100);
        for (int n = 0; n < 3; n++) {
            subscribe(alive, n);
        }
        dead.scheduler().enqueue(reminders.today());
        long start = System.nanoTime();
        List<DeliveryOutbox.Claimed> claimed = dead.scheduler().claim(); // ...and the instance dies before sending
        double claimMs = (System.nanoTime() - start) / 1e6;
        assertEquals(3 * remindersInSeason(), claimed.size());
        assertTrue(statuses(alive.db()).stream().allMatch(r -> r.equals("pending:" + dead.scheduler().instance())));

        assertEquals(0, alive.scheduler().drain(), "leased rows are not another instance's to send");
        clock.advance(Duration.ofMinutes(4));
        assertEquals(0, alive.scheduler().drain(), "not before the lease expires");
        assertTrue(perKey.isEmpty());

        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // 5 min 1 s after the claim
        assertEquals(claimed.size(), alive.scheduler().drain());
        assertEquals(claimed.stream().map(c -> "reminder-delivery-" + c.row().id()).collect(Collectors.toSet()), perKey.keySet());
        assertTrue(perKey.values().stream().allMatch(calls -> calls == 1));
        assertTrue(statuses(alive.db()).stream().allMatch(r -> r.equals("sent:-")), statuses(alive.db()).toString());
        double[] empty = new double[21];
        for (int i = 0; i < empty.length; i++) {
            start = System.nanoTime();
            alive.scheduler().claim();
            empty[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(empty);
        System.out.printf("[measure] %s: the first claim (%d due rows) %.1f ms; a claim that finds none, median of 21: %.2f ms%n",
                backend, claimed.size(), claimMs, empty[10]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gov.dadukou.guidance.DatabaseInstances#backends")
    void aRowWhoseLeaseWasTakenOverIsNotRecordedByTheInstanceThatLostIt(String backend) {
        instances = DatabaseInstances.of(backend, dir);
        Instance slow = instance(100);
        Instance other = instance(100);
        subscribe(slow, 1);
        slow.scheduler().enqueue(reminders.today());
        List<DeliveryOutbox.Claimed> claimed = slow.scheduler().claim();
        clock.advance(Duration.ofMinutes(6)); // the slow instance's lease is over; the other takes the rows and sends them
        assertEquals(claimed.size(), other.scheduler().drain());
        DeliveryOutbox outbox = new DeliveryOutbox(slow.db());
        long id = claimed.get(0).row().id();
        assertTrue(!outbox.retryLater(slow.scheduler().instance(), id, 1, clock.instant(), "late"),
                "the late instance cannot put a sent row back to pending");
        assertTrue(statuses(slow.db()).stream().allMatch(r -> r.equals("sent:-")));
    }
}
