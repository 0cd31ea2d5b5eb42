package gov.dadukou.guidance.messages;

import gov.dadukou.guidance.reminders.ReminderSender;
import gov.dadukou.guidance.store.Database;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a business that its message was answered: ONE notice through the reminders' channel ({@link ReminderSender},
 * the webhook), only to a contact given with a call-back consent, never after the message was withdrawn or the
 * contact erased. The notice is a row of {@code message_notifications}: scheduled in the reply's transaction, then
 * claimed by a conditional update that only one instance can win (pending or failed → sending), so that several
 * instances never send it twice; the receiver also gets a stable {@code Idempotency-Key}. A failed send is tried again
 * by {@link #retryDue} (run every delivery interval) after a back-off, up to {@link #MAX_AUTO_ATTEMPTS} attempts in
 * all, and after that only when staff ask (重新通知); a claim left {@code sending} for {@link #STALE} (its instance
 * stopped mid-send) may be claimed again, when the receiver's idempotency key is what prevents a second message.
 * Thread-safe.
 */
public final class MessageNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(MessageNotifier.class);
    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
    /** How long a claim may stay {@code sending} before another attempt may take it (a send times out in 10 s). */
    static final long STALE = java.time.Duration.ofMinutes(5).toMillis();

    /** Attempts after which a notice is no longer retried by itself (staff may still ask for it). */
    static final int MAX_AUTO_ATTEMPTS = 5;
    /** At most this many notices a run: a backlog drains over several runs instead of one long one. */
    static final int RETRY_BATCH = 50;

    private final Database db;
    private final Clock clock;
    /** Null when no channel is configured (no {@code WEBHOOK_URL}): notices stay pending. */
    private final ReminderSender sender;

    public MessageNotifier(Database db, Clock clock, ReminderSender sender) {
        this.db = db;
        this.clock = clock;
        this.sender = sender;
    }

    /** In the reply's transaction: schedules the notice when a contact with consent is kept. Once per message. */
    static void schedule(Handle h, MessageRow m, long now) {
        if (m.withdrawnAt() != null || m.erasedAt() != null || !MessageRow.hasContact(h, m.id())) {
            return;
        }
        h.createUpdate("INSERT INTO message_notifications (message_id, status, attempts, updated_at) VALUES (:m, :s, 0, :at) "
                + "ON CONFLICT (message_id) DO NOTHING").bind("m", m.id()).bind("s", PENDING).bind("at", now).execute();
    }

    /** In a withdrawal's or erasure's transaction: a notice not yet sent never will be. */
    static void cancel(Handle h, long messageId, long now) {
        h.createUpdate("UPDATE message_notifications SET status = :c, updated_at = :at WHERE message_id = :m AND status IN (:p, :f)")
                .bind("c", CANCELLED).bind("at", now).bind("m", messageId).bind("p", PENDING).bind("f", FAILED).execute();
    }

    /** The notice's state for staff: pending, sending, sent, failed, cancelled; empty when none is due. */
    static Optional<String> status(Handle h, long messageId) {
        return h.createQuery("SELECT status FROM message_notifications WHERE message_id = :m").bind("m", messageId)
                .mapTo(String.class).findOne();
    }

    /**
     * Sends the message's notice if it is due and this instance wins the claim. Outside any transaction: the send
     * waits on the network. Returns the notice's state afterwards (empty when none is due).
     */
    public Optional<String> deliver(String ticket) {
        if (sender == null) {
            return db.inTransaction(h -> MessageRow.byTicket(h, ticket).flatMap(m -> status(h, m.id())));
        }
        Optional<ReminderSender.Notice> claimed = db.inTransaction(h -> claim(h, ticket));
        if (claimed.isEmpty()) {
            return db.inTransaction(h -> MessageRow.byTicket(h, ticket).flatMap(m -> status(h, m.id())));
        }
        String outcome;
        String error = null;
        try {
            sender.sendNotice(claimed.get());
            outcome = SENT;
        } catch (ReminderSender.DeliveryException | UnsupportedOperationException e) {
            outcome = FAILED;
            error = e.getMessage();
            LOG.warn("message reply notice {} not delivered: {}", ticket, e.getMessage());
        }
        String status = outcome;
        String detail = error;
        db.inTransaction(h -> {
            MessageRow m = MessageRow.byTicket(h, ticket).orElseThrow();
            long now = clock.millis();
            h.createUpdate("UPDATE message_notifications SET status = :s, updated_at = :at, last_error = :e WHERE message_id = :m")
                    .bind("s", status).bind("at", now).bind("e", detail).bind("m", m.id()).execute();
            MessageRow.event(h, m.id(), now, "system", SENT.equals(status) ? "notified" : "notify-failed", detail);
            return null;
        });
        return Optional.of(status);
    }

    /** How long after its {@code attempts}-th failed attempt a notice waits: 1, 2, 4, 8 … minutes, at most an hour. */
    static long backoffMillis(int attempts) {
        return java.time.Duration.ofMinutes(1L << Math.min(6, Math.max(0, attempts - 1))).toMillis();
    }

    /**
     * Sends again the notices that are due: scheduled but never tried (the channel was down or not configured when
     * the reply was approved), failed ones whose back-off has passed, and claims gone stale; each at most
     * {@link #MAX_AUTO_ATTEMPTS} times in all. Returns how many were attempted. Does nothing without a channel.
     */
    public int retryDue() {
        if (sender == null) {
            return 0;
        }
        long now = clock.millis();
        List<String> due = db.inTransaction(h -> h.createQuery("SELECT m.ticket, n.status, n.attempts, n.updated_at "
                        + "FROM message_notifications n JOIN messages m ON m.id = n.message_id "
                        + "WHERE n.status IN (:p, :f, :sending) AND n.attempts < :max ORDER BY n.updated_at")
                .bind("p", PENDING).bind("f", FAILED).bind("sending", SENDING).bind("max", MAX_AUTO_ATTEMPTS)
                .map((rs, ctx) -> {
                    String status = rs.getString(2);
                    long since = now - rs.getLong(4);
                    boolean ready = switch (status) {
                        case PENDING -> true;
                        case FAILED -> since >= backoffMillis(rs.getInt(3));
                        default -> since > STALE;
                    };
                    return ready ? rs.getString(1) : null;
                }).list()).stream().filter(java.util.Objects::nonNull).limit(RETRY_BATCH).toList();
        due.forEach(this::deliver);
        return due.size();
    }

    private Optional<ReminderSender.Notice> claim(Handle h, String ticket) {
        MessageRow m = MessageRow.byTicket(h, ticket).orElse(null);
        if (m == null) {
            return Optional.empty();
        }
        if (m.withdrawnAt() != null || m.erasedAt() != null) {
            cancel(h, m.id(), clock.millis());
            return Optional.empty();
        }
        long now = clock.millis();
        int won = h.createUpdate("UPDATE message_notifications SET status = :sending, attempts = attempts + 1, updated_at = :at "
                        + "WHERE message_id = :m AND (status IN (:p, :f) OR (status = :sending AND updated_at < :stale))")
                .bind("sending", SENDING).bind("at", now).bind("m", m.id()).bind("p", PENDING).bind("f", FAILED)
                .bind("stale", now - STALE).execute();
        if (won != 1) {
            return Optional.empty();
        }
        Map<String, Object> recipient = h.createQuery("SELECT contact_name, phone FROM message_contacts WHERE message_id = :m")
                .bind("m", m.id()).map((rs, ctx) -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("contactName", rs.getString(1));
                    r.put("phone", rs.getString(2));
                    return r;
                }).findOne().orElse(null);
        if (recipient == null) {
            cancel(h, m.id(), clock.millis());
            return Optional.empty();
        }
        recipient.put("companyName", m.companyName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "message-reply");
        body.put("ticket", m.ticket());
        body.put("department", m.replyDepartment());
        body.put("repliedAt", BeijingTime.iso(m.repliedAt()));
        body.put("reply", m.replyText());
        List<String> citations = MessageService.basis(m.replyBasis()).stream().map(MessageView.Basis::citation).toList();
        body.put("legalBasis", citations);
        body.put("recipient", recipient);
        body.put("text", "您的留言（编号" + m.ticket() + "）已由" + m.replyDepartment() + "答复，请凭留言回执中的链接查看答复全文并评价。");
        body.put("notice", "本通知只因您留言时同意部门回复您而发送；行政指导不具有强制力，是否采纳由您自愿决定。");
        return Optional.of(new ReminderSender.Notice("message-reply-" + m.ticket(), body));
    }
}
