package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What businesses ask, for staff: each question with personal data masked ({@link PersonalData}), its
 * outcome and the entry answered. Chats only enqueue (a bounded queue; when it is full the question is
 * dropped and counted, never the chat slowed); a background thread writes batches.
 *
 * <p>Nothing accepted is lost on a clean shutdown: {@link #close()} stops the writer without interrupting it (an
 * interrupt could abort a transaction mid-way: a PostgreSQL pool gives up waiting for a connection), waits for its
 * batch, then writes what is left, before the caller closes the database. A batch whose transaction fails is kept and
 * written with the next one (up to the queue's capacity; beyond it the oldest are dropped and counted). Thread-safe.
 */
public final class QuestionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuestionLog.class);
    private static final int CAPACITY = 10_000;

    public record Row(long id, String at, String question, String outcome, String entryId, double confidence) {
    }

    private record Pending(String at, String question, String outcome, String entryId, double confidence, String ref,
                           boolean checkOffered) {
    }

    private final Database db;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    /** Taken from the queue, not yet committed: retried by the next flush. Guarded by {@code this}. */
    private final List<Pending> unwritten = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread writer;

    public QuestionLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.writer = new Thread(this::run, "question-log");
        writer.setDaemon(true);
        writer.start();
    }

    public void record(String question, ChatReply reply) {
        String entry = reply.sources().size() == 1 ? reply.sources().get(0).id() : null;
        // Masked by the writer, off the request thread; nothing unmasked is ever written.
        Pending p = new Pending(Instant.now(clock).toString(), question, reply.outcome(), entry, reply.confidence(),
                reply.questionId(), reply.check() != null);
        if (!queue.offer(p)) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Writes everything queued so far; returns how many rows were written.
     *
     * @throws gov.dadukou.guidance.store.StoreException when the database fails; the rows are kept for the next flush
     */
    public synchronized int flush() {
        queue.drainTo(unwritten);
        if (unwritten.size() > CAPACITY) { // the database has failed for a while: keep the newest
            List<Pending> oldest = unwritten.subList(0, unwritten.size() - CAPACITY);
            dropped.addAndGet(oldest.size());
            oldest.clear();
        }
        if (unwritten.isEmpty()) {
            return 0;
        }
        List<Pending> batch = List.copyOf(unwritten);
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO question_log (at, question, outcome, entry_id, confidence, ref, check_offered) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Pending p : batch) {
                    ps.setString(1, p.at());
                    ps.setString(2, PersonalData.mask(p.question()));
                    ps.setString(3, p.outcome());
                    ps.setString(4, p.entryId());
                    ps.setDouble(5, p.confidence());
                    ps.setString(6, p.ref());
                    ps.setInt(7, p.checkOffered() ? 1 : 0);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        unwritten.clear();
        return batch.size();
    }

    /** Questions since {@code since}, newest first; only those without a confident answer when {@code gapsOnly}. */
    public List<Row> since(Instant since, boolean gapsOnly, int limit) {
        flush();
        return db.transaction(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, question, outcome, entry_id, confidence FROM question_log "
                    + "WHERE at >= ?" + (gapsOnly ? " AND outcome <> 'answer'" : "") + " ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, since.toString());
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6)));
                    }
                }
            }
            return out;
        });
    }

    public long dropped() {
        return dropped.get();
    }

    private void run() {
        boolean failing = false;
        try {
            // Batches: one transaction (one fsync) per half second at most. Ends when close() counts down.
            while (!stopping.await(500, TimeUnit.MILLISECONDS)) {
                try {
                    if (!queue.isEmpty() || pending()) {
                        flush();
                    }
                    failing = false;
                } catch (RuntimeException e) {
                    if (!failing) { // once per series: the rows are kept and retried every half second
                        LOG.error("writing the question log failed; retrying", e);
                    }
                    failing = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts it; if someone does, close() still writes the rest
        }
    }

    private synchronized boolean pending() {
        return !unwritten.isEmpty();
    }

    /**
     * Stops the writer, waits for the batch it may be writing, and writes everything still queued. Call before the
     * database is closed (Assistant does); questions recorded after this are not written.
     *
     * @throws gov.dadukou.guidance.store.StoreException when the last write fails
     */
    @Override
    public void close() {
        stopping.countDown();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // write the rest all the same: flush() holds the lock against the writer
        }
        flush();
    }
}
