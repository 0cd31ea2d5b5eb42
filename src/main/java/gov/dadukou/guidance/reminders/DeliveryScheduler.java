package gov.dadukou.guidance.reminders;

import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.consent.Subscription;
import gov.dadukou.guidance.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Delivers reminders to contacts who consented, through an outbox in the database. {@link #enqueue} adds
 * one row per consent (one contact of a business), reminder and season for every reminder in season and
 * every active consent on one of its topics; the table's unique key makes this idempotent across runs and
 * restarts. A consent whose phone was not verified gets no row when the sender reaches phones
 * ({@link ReminderSender#reachesPhone()}). {@link #drain} sends what is due: just before each send it
 * checks again that the consent is still active, on the topic and deliverable (so a withdrawal that lands
 * while the outbox drains stops the rest), retries failures with exponential back-off and marks a row
 * failed after the last attempt. A crash between a successful send and its bookkeeping resends with the
 * same idempotency key. One drain at a time (synchronized); thread-safe.
 */
public final class DeliveryScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Retry behaviour: attempt n waits {@code firstBackoff} × 2^(n−1), at most {@code maxBackoff}. */
    public record Policy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, int batchSize) {
        public static Policy defaults(int maxAttempts) {
            return new Policy(maxAttempts, Duration.ofSeconds(30), Duration.ofHours(1), 100);
        }
    }

    private final Database db;
    private final ReminderService reminders;
    private final ConsentService consent;
    private final ReminderSender sender;
    private final Clock clock;
    private final Policy policy;
    private ScheduledExecutorService timer;

    public DeliveryScheduler(Database db, ReminderService reminders, ConsentService consent, ReminderSender sender,
                             Clock clock, Policy policy) {
        this.db = db;
        this.reminders = reminders;
        this.consent = consent;
        this.sender = sender;
        this.clock = clock;
        this.policy = policy;
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
        String now = INSTANT.format(clock.instant());
        return db.transaction(c -> {
            int added = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reminder_deliveries "
                    + "(credit_code, receipt_id, reminder_id, season, status, attempts, next_attempt_at, created_at) "
                    + "VALUES (?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING")) {
                for (ActiveReminder r : inSeason) {
                    for (Subscription s : subscribers) {
                        if (s.wants(r.topics())) {
                            ps.setString(1, s.creditCode());
                            ps.setString(2, s.receiptId());
                            ps.setString(3, r.id());
                            ps.setInt(4, LocalDate.parse(r.start()).getYear());
                            ps.setString(5, now);
                            ps.setString(6, now);
                            added += ps.executeUpdate();
                        }
                    }
                }
            }
            return added;
        });
    }

    /** Sends what is due. Returns how many rows were settled (sent, failed for good, or cancelled). */
    public synchronized int drain() {
        String now = INSTANT.format(clock.instant());
        List<DeliveryLogRow> due = db.transaction(c -> {
            List<DeliveryLogRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM reminder_deliveries "
                    + "WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?")) {
                ps.setString(1, now);
                ps.setInt(2, policy.batchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        });
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, ActiveReminder> inSeason = reminders.active(reminders.today(), null, null).stream()
                .collect(Collectors.toMap(ActiveReminder::id, Function.identity()));
        int settled = 0;
        for (DeliveryLogRow row : due) {
            settled += deliver(row, inSeason.get(row.reminderId())) ? 1 : 0;
        }
        return settled;
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
                return finishFailed(row, attempts, e.getMessage());
            }
            Duration wait = policy.firstBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
            if (wait.compareTo(policy.maxBackoff()) > 0) {
                wait = policy.maxBackoff();
            }
            Instant next = clock.instant().plus(wait);
            db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE reminder_deliveries SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")) {
                    ps.setInt(1, attempts);
                    ps.setString(2, INSTANT.format(next));
                    ps.setString(3, e.getMessage());
                    ps.setLong(4, row.id());
                    ps.executeUpdate();
                }
                return null;
            });
            return false;
        }
    }

    /** A channel that reaches phones only serves consents whose phone was proved with a one-time code. */
    private boolean deliverable(Subscription s) {
        return s.verified() || !sender.reachesPhone();
    }

    private boolean finish(DeliveryLogRow row, String status, String reason) {
        return settle(row.id(), status, row.attempts() + (status.equals("sent") ? 1 : 0), reason);
    }

    private boolean finishFailed(DeliveryLogRow row, int attempts, String reason) {
        return settle(row.id(), "failed", attempts, reason);
    }

    private boolean settle(long id, String status, int attempts, String reason) {
        String now = INSTANT.format(clock.instant());
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE reminder_deliveries SET status = ?, attempts = ?, "
                    + "last_error = COALESCE(?, last_error), finished_at = ? WHERE id = ?")) {
                ps.setString(1, status);
                ps.setInt(2, attempts);
                ps.setString(3, reason);
                ps.setString(4, now);
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return null;
        });
        return true;
    }

    /** The most recent deliveries, newest first, for staff. */
    public List<DeliveryLogRow> log(int limit) {
        return db.transaction(c -> {
            List<DeliveryLogRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM reminder_deliveries ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        });
    }

    private static final String COLUMNS = "id, credit_code, reminder_id, season, status, attempts, next_attempt_at, "
            + "last_error, created_at, finished_at, receipt_id";

    private static DeliveryLogRow row(ResultSet rs) throws java.sql.SQLException {
        return new DeliveryLogRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
