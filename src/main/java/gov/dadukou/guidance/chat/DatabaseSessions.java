package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The chat sessions in the shared database ({@code chat_sessions}, V12), for several instances behind a load
 * balancer: a follow-up finds its context whichever instance it lands on. See {@link SessionStore} for why the
 * context is shared rather than carried by the client.
 *
 * <p>What is stored: the SHA-256 of the session id (the id is a string the client chose; a leaked table gives no one
 * a session to continue), the remembered question with personal data masked ({@link PersonalData}, as the question
 * log), the entry answered and when (epoch milliseconds). Cost: one primary-key read per follow-up and one upsert
 * per answer.
 *
 * <p>Expiry: a turn older than {@code ttl} is ignored on read; {@link #purge()} (run every minute by the assistant)
 * deletes expired rows in batches of {@link #BATCH}, so that no single statement holds many row locks. Bound: the
 * in-memory store caps memory with {@code MAX_SESSIONS}; here the cap is kept by the same purge, which deletes the
 * least recently used rows above {@code maxSessions}. Between purges the table may exceed it by the sessions of one
 * minute (a write never pays for a count), which a table of short rows can afford.
 *
 * <p>A database that fails does not stop the chat: a question is then answered without its context and the turn is
 * not remembered; the first failure of a series is logged ({@code /health} reports the storage fault). Thread-safe.
 */
public final class DatabaseSessions implements SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSessions.class);
    /** Rows deleted per purge statement. */
    public static final int BATCH = 500;
    /** At most this many batches per purge run, so that one run stays short; the next run goes on. */
    static final int MAX_BATCHES = 20;

    private final Database db;
    private final Clock clock;
    private final Duration ttl;
    private final int maxSessions;
    private final AtomicBoolean failing = new AtomicBoolean();

    public DatabaseSessions(Database db, Clock clock, Duration ttl, int maxSessions) {
        if (maxSessions < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxSessions and ttl must be positive");
        }
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
        this.maxSessions = maxSessions;
    }

    @Override
    public Optional<Turn> last(String sessionId) {
        String hash = hash(sessionId);
        try {
            Optional<Turn> turn = db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT question, entry_id, updated_ms FROM chat_sessions WHERE session_hash = ?")) {
                    ps.setString(1, hash);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new Turn(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                                : Optional.empty();
                    }
                }
            });
            worked();
            // Expired rows stay until the purge: a read never writes.
            return turn.filter(t -> !t.at().plus(ttl).isBefore(clock.instant()));
        } catch (StoreException e) {
            failed("reading", e);
            return Optional.empty();
        }
    }

    @Override
    public void remember(String sessionId, String question, String entryId) {
        String hash = hash(sessionId);
        String masked = PersonalData.mask(question);
        long now = clock.millis();
        try {
            db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_sessions (session_hash, question, entry_id, updated_ms) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (session_hash) DO UPDATE SET question = excluded.question, "
                        + "entry_id = excluded.entry_id, updated_ms = excluded.updated_ms")) {
                    ps.setString(1, hash);
                    ps.setString(2, masked);
                    ps.setString(3, entryId);
                    ps.setLong(4, now);
                    ps.executeUpdate();
                }
                return null;
            });
            worked();
        } catch (StoreException e) {
            failed("writing", e);
        }
    }

    /**
     * Deletes expired sessions, then the least recently used above {@code maxSessions}, {@link #BATCH} rows per
     * statement and at most {@link #MAX_BATCHES} statements per call. Returns how many rows went.
     *
     * @throws StoreException when the database fails (the caller's timer logs it and tries again later)
     */
    public int purge() {
        long cutoff = clock.millis() - ttl.toMillis();
        int deleted = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_sessions WHERE session_hash IN "
                        + "(SELECT session_hash FROM chat_sessions WHERE updated_ms < ? ORDER BY updated_ms LIMIT ?)")) {
                    ps.setLong(1, cutoff);
                    ps.setInt(2, BATCH);
                    return ps.executeUpdate();
                }
            });
            deleted += n;
            if (n < BATCH) {
                break;
            }
        }
        long over = count() - maxSessions;
        for (int i = 0; over > 0 && i < MAX_BATCHES; i++) {
            int limit = (int) Math.min(over, BATCH);
            int n = db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_sessions WHERE session_hash IN "
                        + "(SELECT session_hash FROM chat_sessions ORDER BY updated_ms LIMIT ?)")) {
                    ps.setInt(1, limit);
                    return ps.executeUpdate();
                }
            });
            deleted += n;
            over -= n;
            if (n == 0) {
                break;
            }
        }
        return deleted;
    }

    /** How many sessions are stored, expired ones included until the next purge. */
    public long count() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM chat_sessions"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The stored key of a session id: SHA-256, hex. */
    static String hash(String sessionId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void worked() {
        if (failing.compareAndSet(true, false)) {
            LOG.info("chat sessions are stored again");
        }
    }

    private void failed(String what, StoreException e) {
        if (failing.compareAndSet(false, true)) {
            LOG.error("{} chat sessions failed; questions are answered without their follow-up context until it works again",
                    what, e);
        }
    }
}
