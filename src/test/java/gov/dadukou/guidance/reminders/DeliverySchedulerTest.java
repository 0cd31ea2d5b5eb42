package gov.dadukou.guidance.reminders;

import gov.dadukou.guidance.TestClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import gov.dadukou.guidance.consent.CapturingCodeSender;
import gov.dadukou.guidance.consent.ConsentReceipt;
import gov.dadukou.guidance.consent.ConsentRequest;
import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.consent.CreditCode;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery with a fixed clock and a local webhook receiver. */
class DeliverySchedulerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static KnowledgeBase kb;
    static EntryStore entries;

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    ConsentService consent;
    final CapturingCodeSender codes = new CapturingCodeSender();
    ReminderService reminders;
    HttpServer receiver;
    /** Every call received: its Idempotency-Key and the business's credit code. */
    final List<String[]> calls = new CopyOnWriteArrayList<>();
    /** Status codes to answer with, in order; 200 once exhausted. */
    final List<Integer> script = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void load() {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        entries = EntryStore.of(kb);
    }

    @BeforeEach
    void setUp() throws IOException {
        // 2027-06-10, 10:00 in Chongqing: the annual-report reminders are in season.
        clock = new TestClock(Instant.parse("2027-06-10T02:00:00Z"));
        db = Database.open(dir.resolve("test.db"));
        consent = consentService(db);
        reminders = new ReminderService(entries, clock);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String creditCode = JSON.readTree(new String(body, StandardCharsets.UTF_8)).path("recipient").path("creditCode").asText();
            calls.add(new String[] {exchange.getRequestHeaders().getFirst("Idempotency-Key"), creditCode,
                    JSON.readTree(body).path("reminder").path("id").asText()});
            int status = script.isEmpty() ? 200 : script.remove(0);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
        db.close();
    }

    ConsentService consentService(Database database) {
        return new ConsentService(database, clock, kb.topics(), new ConsentService.NoticeSettings("测试", "12345政务服务便民热线", "测试。"),
                codes);
    }

    DeliveryScheduler scheduler(Database database, ConsentService c, ReminderSender sender, int maxAttempts) {
        return new DeliveryScheduler(database, reminders, c, sender, clock,
                new DeliveryScheduler.Policy(maxAttempts, Duration.ofSeconds(30), Duration.ofMinutes(10), 100));
    }

    WebhookSender webhook() {
        return new WebhookSender(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), "secret", Duration.ofSeconds(5));
    }

    /** Business n's contact consents with a verified phone of their own. */
    ConsentReceipt subscribe(int n, String... topics) {
        return subscribe(n, String.format("138%08d", n), true, topics);
    }

    ConsentReceipt subscribe(int business, String phone, boolean verified, String... topics) {
        String first17 = String.format("915001040000%05d", business);
        String code = null;
        if (verified) {
            consent.requestCode(phone);
            code = codes.codeFor(phone);
        }
        return consent.grant(new ConsentRequest("测试公司" + business, first17 + CreditCode.checkCharacter(first17), "张三", phone,
                List.of(topics), consent.notice().version(), true, code));
    }

    /** Reminders in season on 2027-06-10 on the topic 年度报告. */
    long annualReportReminders() {
        return reminders.active(reminders.today(), "年度报告", null).size();
    }

    @Test
    void aSubscriberGetsExactlyOneCallPerReminderWhenItsWindowOpens() {
        subscribe(1, "年度报告");
        DeliveryScheduler s = scheduler(db, consent, webhook(), 5);
        s.runOnce();
        s.runOnce();
        clock.advance(Duration.ofDays(1));
        s.runOnce();
        assertTrue(annualReportReminders() >= 1);
        assertEquals(annualReportReminders(), calls.size(), "one call per reminder in season, never twice");
        assertEquals(calls.size(), calls.stream().map(c -> c[0]).distinct().count());
        calls.forEach(c -> assertTrue(reminders.active(reminders.today(), "年度报告", null).stream().anyMatch(r -> r.id().equals(c[2]))));
    }

    @Test
    void businessesWithoutConsentOnTheTopicGetNothing() {
        subscribe(2, "消防安全");
        scheduler(db, consent, webhook(), 5).runOnce();
        assertTrue(calls.stream().noneMatch(c -> c[2].startsWith("tx-nianbao")), "fire-safety subscriber gets no annual-report reminder");
    }

    @Test
    void failedCallsAreRetriedWithBackOffThenSucceed() {
        subscribe(3, "税务发票");
        script.addAll(List.of(500, 503));
        DeliveryScheduler s = scheduler(db, consent, webhook(), 5);
        s.runOnce();
        s.runOnce(); // too early for the retry: back-off is 30 s
        assertEquals(1, calls.size());
        clock.advance(Duration.ofSeconds(31));
        s.runOnce();
        assertEquals(2, calls.size());
        clock.advance(Duration.ofSeconds(61)); // second back-off: 60 s
        s.runOnce();
        List<DeliveryLogRow> log = s.log(10);
        DeliveryLogRow first = log.stream().filter(r -> r.attempts() == 3).findFirst().orElseThrow();
        assertEquals("sent", first.status());
        assertEquals(1, calls.stream().map(c -> c[0]).distinct().filter(k -> k.equals("reminder-delivery-" + first.id())).count());
    }

    @Test
    void afterTheLastAttemptADeliveryIsMarkedFailed() {
        subscribe(4, "税务发票");
        DeliveryScheduler s = scheduler(db, consent, d -> {
            throw new ReminderSender.DeliveryException("receiver down", null);
        }, 3);
        for (int i = 0; i < 10; i++) {
            s.runOnce();
            clock.advance(Duration.ofMinutes(15));
        }
        assertTrue(s.log(50).stream().allMatch(r -> r.status().equals("failed") && r.attempts() == 3), s.log(50).toString());
    }

    @Test
    void nothingIsSentAfterAWithdrawal() {
        ConsentReceipt r = subscribe(5, "年度报告");
        DeliveryScheduler s = scheduler(db, consent, webhook(), 5);
        s.enqueue(reminders.today());
        consent.withdraw(r.receiptId(), r.withdrawToken());
        s.drain();
        assertEquals(0, calls.size());
        assertTrue(s.log(10).stream().allMatch(row -> row.status().equals("cancelled")));
    }

    @Test
    void aWithdrawalThatLandsWhileTheOutboxDrainsStopsTheRest() {
        subscribe(6, "年度报告");
        ConsentReceipt second = subscribe(7, "年度报告");
        AtomicInteger sent = new AtomicInteger();
        WebhookSender hook = webhook();
        DeliveryScheduler s = scheduler(db, consent, d -> {
            hook.send(d);
            if (sent.incrementAndGet() == 1) {
                consent.withdraw(second.receiptId(), second.withdrawToken()); // lands mid-batch
            }
        }, 5);
        s.runOnce();
        String secondCode = consent.view(second.receiptId(), second.withdrawToken()).creditCode();
        long toSecond = calls.stream().filter(c -> c[1].equals(secondCode)).count();
        assertTrue(toSecond <= 1, "at most the delivery already under way when the withdrawal landed");
        assertTrue(s.log(50).stream().anyMatch(row -> row.creditCode().equals(secondCode) && row.status().equals("cancelled")));
    }

    @Test
    void aRestartInTheMiddleOfABatchDeliversEachOnceWithTheSameKeys() {
        for (int n = 10; n < 14; n++) {
            subscribe(n, "年度报告");
        }
        AtomicInteger before = new AtomicInteger();
        WebhookSender hook = webhook();
        DeliveryScheduler first = scheduler(db, consent, d -> {
            hook.send(d);
            if (before.incrementAndGet() == 3) {
                throw new IllegalStateException("crash after the third send, before its bookkeeping");
            }
        }, 5);
        try {
            first.runOnce();
        } catch (IllegalStateException expected) {
            // the process "dies" here
        }
        db.close();
        db = Database.open(dir.resolve("test.db"));
        ConsentService afterRestart = consentService(db);
        scheduler(db, afterRestart, webhook(), 5).runOnce();
        scheduler(db, afterRestart, webhook(), 5).runOnce();

        long expected = 4 * annualReportReminders();
        Map<String, Integer> perKey = new ConcurrentHashMap<>();
        calls.forEach(c -> perKey.merge(c[0], 1, Integer::sum));
        assertEquals(expected, perKey.size(), "every business got every reminder");
        assertTrue(perKey.values().stream().filter(v -> v > 1).count() <= 1,
                "only the send cut off by the crash is repeated, with the same idempotency key");
    }

    @Test
    void anUnverifiedPhoneGetsNoReminderThroughAChannelThatReachesPhones() {
        subscribe(20, "13900000020", false, "年度报告");
        DeliveryScheduler s = scheduler(db, consent, webhook(), 5);
        s.runOnce();
        assertEquals(0, calls.size());
        assertTrue(s.log(10).isEmpty(), "no outbox row for a consent the channel may not serve");
    }

    @Test
    void aPendingDeliveryToAConsentThatTurnsOutUnverifiedIsCancelledNotSent() {
        ConsentReceipt r = subscribe(21, "13900000021", false, "年度报告");
        DeliveryScheduler s = scheduler(db, consent, webhook(), 5);
        db.transaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO reminder_deliveries (credit_code, receipt_id, reminder_id, season, status, "
                    + "attempts, next_attempt_at, created_at) VALUES ('x', ?, ?, 2027, 'pending', 0, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z')")) {
                ps.setString(1, r.receiptId());
                ps.setString(2, reminders.active(reminders.today(), "年度报告", null).get(0).id());
                ps.executeUpdate(); // as a database upgraded from version 5 may hold
            }
            return null;
        });
        s.drain();
        assertEquals(0, calls.size());
        assertTrue(s.log(10).get(0).status().equals("cancelled") && s.log(10).get(0).lastError().contains("not verified"));
    }

    @Test
    void aChannelThatDoesNotReachPhonesAlsoServesUnverifiedConsents() {
        subscribe(22, "13900000022", false, "年度报告");
        List<String> delivered = new CopyOnWriteArrayList<>();
        ReminderSender noPhone = new ReminderSender() {
            @Override
            public void send(Delivery d) {
                delivered.add(d.recipient().receiptId());
            }

            @Override
            public boolean reachesPhone() {
                return false;
            }
        };
        scheduler(db, consent, noPhone, 5).runOnce();
        assertEquals(annualReportReminders(), delivered.size());
    }

    @Test
    void twoContactsOfOneBusinessEachGetTheReminder() {
        subscribe(23, "13900000023", true, "年度报告");
        subscribe(23, "13900000024", true, "年度报告");
        scheduler(db, consent, webhook(), 5).runOnce();
        assertEquals(2 * annualReportReminders(), calls.size());
    }

}
