package gov.dadukou.guidance.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The append-only, hash-chained consent ledger. Each event's hash is SHA-256 over a canonical form of
 * its sequence number, receipt, kind, time, payload (JSON with sorted keys, no personal data) and the
 * previous event's hash; the first event chains to 64 zeros. Appends must run inside one
 * {@link gov.dadukou.guidance.store.Database#transaction}, which serialises them so the chain never
 * forks. Stateless apart from the connection passed in; thread-safe.
 */
public final class ConsentLedger {
    static final String GENESIS = "0".repeat(64);
    static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

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
     * The chain head. {@code seq} is the table's INTEGER PRIMARY KEY (the rowid), so this is one step down
     * the table's own b-tree, whatever the ledger's length: no separate head row is needed.
     */
    static final String HEAD = "SELECT seq, hash FROM consent_events ORDER BY seq DESC LIMIT 1";

    private ConsentLedger() {
    }

    static Event append(Connection c, String receiptId, String event, String at, Map<String, ?> payload) throws SQLException {
        String previous = GENESIS;
        long seq = 1;
        try (PreparedStatement ps = c.prepareStatement(HEAD);
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                previous = rs.getString(2);
            }
        }
        String json = canonical(payload);
        String hash = hash(seq, receiptId, event, at, json, previous);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO consent_events (seq, receipt_id, event, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, receiptId);
            ps.setString(3, event);
            ps.setString(4, at);
            ps.setString(5, json);
            ps.setString(6, previous);
            ps.setString(7, hash);
            ps.executeUpdate();
        }
        return new Event(seq, receiptId, event, at, json, previous, hash);
    }

    static List<Event> events(Connection c, String receiptId) throws SQLException {
        String sql = "SELECT seq, receipt_id, event, at, payload, prev_hash, hash FROM consent_events"
                + (receiptId == null ? "" : " WHERE receipt_id = ?") + " ORDER BY seq";
        List<Event> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (receiptId != null) {
                ps.setString(1, receiptId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    static Verification verify(Connection c) throws SQLException {
        String previous = GENESIS;
        long expectedSeq = 1;
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, receipt_id, event, at, payload, prev_hash, hash FROM consent_events ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                if (seq != expectedSeq) {
                    return new Verification(false, count, expectedSeq, "event " + expectedSeq + " is missing");
                }
                if (!previous.equals(rs.getString(6))) {
                    return new Verification(false, count, seq, "link to the previous event is broken");
                }
                String hash = hash(seq, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), previous);
                if (!hash.equals(rs.getString(7))) {
                    return new Verification(false, count, seq, "content does not match its hash");
                }
                previous = hash;
                expectedSeq++;
                count++;
            }
        }
        return new Verification(true, count, -1, null);
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
