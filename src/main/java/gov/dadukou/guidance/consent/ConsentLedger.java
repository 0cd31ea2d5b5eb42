package gov.dadukou.guidance.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import gov.dadukou.guidance.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The append-only, hash-chained consent ledger. Each event's hash is SHA-256 over a canonical form of
 * its sequence number, receipt, kind, time, payload (JSON with sorted keys, no personal data) and the
 * previous event's hash; the first event chains to 64 zeros.
 *
 * <p>Appending reads the chain head and inserts the next event; two appends that read the same head would
 * fork the chain (or, with {@code seq} the primary key, fail). So an append needs an {@link Appender}, which
 * only {@link #lock} hands out, and {@code lock} must be the first statement of the writing transaction:
 * <ul>
 * <li>SQLite: the {@link Database}'s one connection already runs one transaction at a time in this process, and
 * a SQLite file has one writer; nothing more is needed.</li>
 * <li>PostgreSQL (several instances, each with a pool): {@code SELECT pg_advisory_xact_lock(}{@link #CHAIN_LOCK}{@code )}.
 * Every appending transaction of every instance queues on that one database-wide lock, which the server
 * releases when the transaction commits or rolls back, or when its connection dies; in READ COMMITTED each
 * later statement sees what the previous holder committed, so the head read and the insert are atomic
 * across instances. Taken first, it also makes the reads a write bases itself on (is this consent already
 * withdrawn? which consents of this contact are active?) see every earlier write.</li>
 * </ul>
 * An advisory lock rather than a locked chain-head row: it needs no extra table or row that every append
 * would UPDATE (a hot row rewritten per consent, and a second copy of the head that could disagree with the
 * ledger); it cannot be forgotten by a statement that inserts without locking the row first, because
 * {@code seq} comes from the head read under it; and it leaves the ledger table itself insert-only, as its
 * triggers require. Consents are a few per minute, so one queue for the whole ledger costs nothing that matters.
 *
 * <p>Stateless apart from the handle passed in; thread-safe.
 */
public final class ConsentLedger {
    static final String GENESIS = "0".repeat(64);
    static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /**
     * The PostgreSQL advisory lock key that serialises appends: the ASCII bytes of "LEDGER" (0x4C4544474552).
     * Advisory locks are per database (not per schema) and share one key space: no other code of this
     * application may use this key, and a database shared with other software must not either. Deployments that
     * share one database in separate schemas queue on the one lock: still correct, each chain its own.
     */
    public static final long CHAIN_LOCK = 0x4C4544474552L;

    /** One ledger event as stored. */
    public record Event(long seq, String receiptId, String event, String at, String payload, String prevHash, String hash) {
        public JsonNode payloadJson() {
            try {
                return CANONICAL.readTree(payload);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("ledger payload is not JSON at seq " + seq, e);
            }
        }
    }

    /**
     * The outcome of recomputing the chain.
     *
     * @param firstBadSeq the first event whose hash or link does not verify, or -1
     */
    public record Verification(boolean ok, long events, long firstBadSeq, String problem) {
    }

    /**
     * The right to append, for the rest of the transaction of {@code handle} (from {@link #lock}). Not to be
     * kept beyond that transaction.
     */
    public record Appender(Handle handle) {
        /** Appends the next event to the chain and returns it as stored. */
        public Event append(String receiptId, String event, String at, Map<String, ?> payload) {
            Optional<Event> head = handle.createQuery(HEAD).map(HEAD_ROW).findFirst();
            long seq = head.map(h -> h.seq() + 1).orElse(1L);
            String previous = head.map(Event::hash).orElse(GENESIS);
            String json = canonical(payload);
            String hash = hash(seq, receiptId, event, at, json, previous);
            handle.createUpdate("INSERT INTO consent_events (seq, receipt_id, event, at, payload, prev_hash, hash) "
                            + "VALUES (:seq, :receipt, :event, :at, :payload, :prev, :hash)")
                    .bind("seq", seq).bind("receipt", receiptId).bind("event", event).bind("at", at)
                    .bind("payload", json).bind("prev", previous).bind("hash", hash)
                    .execute();
            return new Event(seq, receiptId, event, at, json, previous, hash);
        }
    }

    /**
     * The chain head. {@code seq} is the primary key (SQLite: the rowid), so this is one step down the
     * table's own b-tree, whatever the ledger's length: no separate head row is needed.
     */
    static final String HEAD = "SELECT seq, hash FROM consent_events ORDER BY seq DESC LIMIT 1";
    private static final RowMapper<Event> HEAD_ROW = (rs, ctx) -> new Event(rs.getLong(1), null, null, null, null, null, rs.getString(2));
    private static final String EVENTS = "SELECT seq, receipt_id, event, at, payload, prev_hash, hash FROM consent_events";
    private static final RowMapper<Event> EVENT_ROW = (rs, ctx) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));

    private ConsentLedger() {
    }

    /**
     * Serialises this transaction's appends with every other appender's (see the class comment); call it as
     * the FIRST statement of the transaction, before anything the appends depend on is read.
     */
    static Appender lock(Handle handle, Database.Dialect dialect) {
        if (dialect == Database.Dialect.POSTGRESQL) {
            // The function returns void, which maps to no Java type: select a constant beside it instead.
            handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS locked").bind("key", CHAIN_LOCK)
                    .mapTo(Integer.class).one();
        }
        return new Appender(handle);
    }

    /** The events of {@code receiptId} (every event when null), in chain order. */
    static List<Event> events(Handle h, String receiptId) {
        if (receiptId == null) {
            return h.createQuery(EVENTS + " ORDER BY seq").map(EVENT_ROW).list();
        }
        return h.createQuery(EVENTS + " WHERE receipt_id = :receipt ORDER BY seq").bind("receipt", receiptId).map(EVENT_ROW).list();
    }

    /** Recomputes the chain from the first event, streaming it (the whole ledger is never held in memory). */
    static Verification verify(Handle h) {
        try (Stream<Event> stream = h.createQuery(EVENTS + " ORDER BY seq").setFetchSize(1_000).map(EVENT_ROW).stream()) {
            String previous = GENESIS;
            long expectedSeq = 1;
            long count = 0;
            for (Iterator<Event> it = stream.iterator(); it.hasNext(); ) {
                Event e = it.next();
                if (e.seq() != expectedSeq) {
                    return new Verification(false, count, expectedSeq, "event " + expectedSeq + " is missing");
                }
                if (!previous.equals(e.prevHash())) {
                    return new Verification(false, count, e.seq(), "link to the previous event is broken");
                }
                String hash = hash(e.seq(), e.receiptId(), e.event(), e.at(), e.payload(), previous);
                if (!hash.equals(e.hash())) {
                    return new Verification(false, count, e.seq(), "content does not match its hash");
                }
                previous = hash;
                expectedSeq++;
                count++;
            }
            return new Verification(true, count, -1, null);
        }
    }

    static String canonical(Map<String, ?> payload) {
        try {
            return CANONICAL.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not serialisable", e);
        }
    }

    static String hash(long seq, String receiptId, String event, String at, String payload, String previous) {
        String canonical = seq + "\n" + receiptId + "\n" + event + "\n" + at + "\n" + payload + "\n" + previous;
        return sha256(canonical);
    }

    static String sha256(String text) {
        return gov.dadukou.guidance.Hashing.sha256Hex(text);
    }
}
