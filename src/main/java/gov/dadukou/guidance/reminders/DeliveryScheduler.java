package gov.dadukou.guidance.reminders;

import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.consent.Subscription;
import gov.dadukou.guidance.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Delivers reminders to contacts who consented, through an outbox in the database ({@link DeliveryOutbox}).
 * {@link #enqueue} adds one row per consent (one contact of a business), reminder and season for every reminder
 * in season and every active consent on one of its topics; the table's unique key makes this idempotent across
 * runs, restarts and instances. A consent whose phone was not verified gets no row when the sender reaches
 * phones ({@link ReminderSender#reachesPhone()}).
 *
 * <p>{@link #drain} sends what is due, and only what this instance claimed: several instances (each with its
 * own scheduler, on one PostgreSQL database) drain the outbox together and each row is claimed by exactly one of
 * them for a lease ({@link Policy#lease()}). The send happens outside any database transaction: no row stays
 * locked while a webhook answers. Just before each send the consent is checked again (so a withdrawal that lands
 * while the outbox drains stops the rest); a failure is retried with exponential back-off and a row is marked
 * failed after the last attempt; each outcome clears the lease.
 *
 * <p>At least once, never silently lost: if an instance dies after a send and before recording it, the row
 * keeps its claim until the lease expires, then another instance (or the same one restarted) claims it and
 * sends it again with the same idempotency key ({@link ReminderSender.Delivery#deliveryId()}; the webhook's
 * {@code Idempotency-Key} header), which the receiver uses to drop the repeat. A send is started only while at
 * least {@link #SEND_MARGIN} of the lease is left, so a slow batch gives its remaining rows back instead of
 * sending them after another instance may have taken them. An unexpected exception in a run (not a failed
 * delivery) also gives the unsettled rows back at once.
 *
 * <p>One run at a time per scheduler (synchronized); thread-safe.
 */
public final class DeliveryScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);
    /** A send starts only while this much of the lease is left: longer than any sender's timeout (the webhook's is 10 s). */
    static final Duration SEND_MARGIN = Duration.ofMinutes(1);

    /**
     * Retry behaviour: attempt n waits {@code firstBackoff} × 2^(n−1), at most {@code maxBackoff}. {@code batchSize}
     * rows are claimed at a time, for {@code lease}; a crashed instance's rows are sent by another after it.
     */
    public record Policy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, int batchSize, Duration lease) {
        public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);

        public Policy {
            if (lease.compareTo(SEND_MARGIN.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("a lease must be at least " + SEND_MARGIN.multipliedBy(2) + ": " + lease);
            }
        }

        /** With the default lease. */
        public Policy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, int batchSize) {
            this(maxAttempts, firstBackoff, maxBackoff, batchSize, DEFAULT_LEASE);
        }

        public static Policy defaults(int maxAttempts) {
            return new Policy(maxAttempts, Duration.ofSeconds(30), Duration.ofHours(1), 100);
        }
    }

    private final DeliveryOutbox outbox;
    private final ReminderService reminders;
    private final ConsentService consent;
    private final ReminderSender sender;
    private final Clock clock;
    private final Policy policy;
    /** Who claims rows: process id and host (for an operator reading the table) and a random part (unique). */
    private final String instance;
    private ScheduledExecutorService timer;

    public DeliveryScheduler(Database db, ReminderService reminders, ConsentService consent, ReminderSender sender,
                             Clock clock, Policy policy) {
        this.outbox = new DeliveryOutbox(db);
        this.reminders = reminders;
        this.consent = consent;
        this.sender = sender;
        this.clock = clock;
        this.policy = policy;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This scheduler's id in {@code reminder_deliveries.claimed_by}. */
    public String instance() {
        return instance;
    }

    /** Runs {@link #runOnce()} every {@code interval}, starting now. */
    public synchronized void start(Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reminder-delivery");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.error("reminder delivery run failed", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void runOnce() {
        enqueue(reminders.today());
        drain();
    }

    /** Adds the deliveries due for reminders in season on {@code today}. Returns how many rows were new. */
    public synchronized int enqueue(LocalDate today) {
        List<ActiveReminder> inSeason = reminders.active(today, null, null);
        if (inSeason.isEmpty()) {
            return 0;
        }
        List<Subscription> subscribers = consent.activeSubscriptions().stream().filter(this::deliverable).toList();
        List<DeliveryOutbox.NewDelivery> rows = new ArrayList<>();
        for (ActiveReminder r : inSeason) {
            for (Subscription s : subscribers) {
                if (s.wants(r.topics())) {
                    rows.add(new DeliveryOutbox.NewDelivery(s.creditCode(), s.receiptId(), r.id(), LocalDate.parse(r.start()).getYear()));
                }
            }
        }
        return outbox.enqueue(rows, clock.instant());
    }

    /** Claims what is due and sends it. Returns how many rows were settled (sent, failed for good, or cancelled). */
    public synchronized int drain() {
        List<DeliveryOutbox.Claimed> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<String, ActiveReminder> inSeason = reminders.active(reminders.today(), null, null).stream()
                .collect(Collectors.toMap(ActiveReminder::id, Function.identity()));
        Set<Long> unsettled = claimed.stream().map(c -> c.row().id()).collect(Collectors.toCollection(LinkedHashSet::new));
        int settled = 0;
        try {
            for (DeliveryOutbox.Claimed c : claimed) {
                if (clock.instant().plus(SEND_MARGIN).isAfter(c.leaseUntil())) {
                    LOG.warn("reminder delivery batch outlived its lease; {} deliveries given back for the next run", unsettled.size());
                    break;
                }
                settled += deliver(c.row(), inSeason.get(c.row().reminderId())) ? 1 : 0;
                unsettled.remove(c.row().id());
            }
        } finally {
            outbox.release(instance, List.copyOf(unsettled));
        }
        return settled;
    }

    /** Claims up to a batch of due rows for this instance (package-private: tests simulate a crash after it). */
    List<DeliveryOutbox.Claimed> claim() {
        Instant now = clock.instant();
        return outbox.claim(instance, now, now.plus(policy.lease()), policy.batchSize());
    }

    private boolean deliver(DeliveryLogRow row, ActiveReminder reminder) {
        if (reminder == null || LocalDate.parse(reminder.start()).getYear() != row.season()) {
            return finish(row, "cancelled", "reminder no longer in season or retired");
        }
        Optional<Subscription> subscriber = consent.activeSubscription(row.receiptId());
        if (subscriber.isEmpty() || !subscriber.get().wants(reminder.topics())) {
            return finish(row, "cancelled", "consent withdrawn or topic no longer chosen");
        }
        if (!deliverable(subscriber.get())) {
            return finish(row, "cancelled", "phone not verified: this channel does not text unverified numbers");
        }
        try {
            sender.send(new ReminderSender.Delivery(row.id(), row.season(), reminder, subscriber.get()));
            return finish(row, "sent", null);
        } catch (ReminderSender.DeliveryException e) {
            int attempts = row.attempts() + 1;
            if (attempts >= policy.maxAttempts()) {
                LOG.warn("reminder delivery {} failed for good after {} attempts: {}", row.id(), attempts, e.getMessage());
                return settled(row, outbox.settle(instance, row.id(), "failed", attempts, e.getMessage(), clock.instant()));
            }
            Duration wait = policy.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
            if (wait.compareTo(policy.maxBackoff()) > 0) {
                wait = policy.maxBackoff();
            }
            settled(row, outbox.retryLater(instance, row.id(), attempts, clock.instant().plus(wait), e.getMessage()));
            return false;
        }
    }

    /** A channel that reaches phones only serves consents whose phone was proved with a one-time code. */
    private boolean deliverable(Subscription s) {
        return s.verified() || !sender.reachesPhone();
    }

    private boolean finish(DeliveryLogRow row, String status, String reason) {
        int attempts = row.attempts() + (status.equals("sent") ? 1 : 0);
        return settled(row, outbox.settle(instance, row.id(), status, attempts, reason, clock.instant()));
    }

    /** The outcome was recorded, or another instance holds the row now (its lease had expired) and records its own. */
    private static boolean settled(DeliveryLogRow row, boolean recorded) {
        if (!recorded) {
            LOG.warn("reminder delivery {}: the lease expired before its outcome was recorded; another instance holds it now", row.id());
        }
        return recorded;
    }

    /** The most recent deliveries, newest first, for staff. */
    public List<DeliveryLogRow> log(int limit) {
        return outbox.log(limit);
    }

    /**
     * The latest {@code limit} deliveries in the database, newest first, whether or not delivery is configured now
     * (rows of an earlier configuration stay worth reading).
     */
    public static List<DeliveryLogRow> log(Database db, int limit) {
        return new DeliveryOutbox(db).log(limit);
    }

    /** The statuses a delivery can be in, in the order staff read them. */
    public static final List<String> STATUSES = List.of("pending", "sent", "failed", "cancelled");

    /**
     * A page of the log, newest first: rows with ids below {@code before} ({@link Long#MAX_VALUE}: from the newest), of
     * {@code status} (null: all; otherwise one of {@link #STATUSES}), at most {@code limit}.
     */
    public static List<DeliveryLogRow> page(Database db, String status, long before, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown delivery status: " + status);
        }
        return new DeliveryOutbox(db).page(status, before, limit);
    }

    /** How many deliveries the whole outbox holds in each of {@link #STATUSES}, zeros included, in that order. */
    public static java.util.Map<String, Long> counts(Database db) {
        java.util.Map<String, Long> found = new DeliveryOutbox(db).counts();
        java.util.Map<String, Long> all = new java.util.LinkedHashMap<>();
        STATUSES.forEach(s -> all.put(s, found.getOrDefault(s, 0L)));
        return all;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
