package gov.dadukou.guidance.reminders;

import gov.dadukou.guidance.store.Database;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The rows of the reminder outbox ({@code reminder_deliveries}) and the leases that let several instances
 * drain it together. Times are stored as UTC text ({@link #INSTANT}), which sorts and compares like the instants
 * (both dialects compare the text bytewise), as {@code next_attempt_at} always was.
 *
 * <p>A row is <em>pending</em> until it is settled (sent, failed for good, cancelled). An instance works on a
 * pending row only after it has <em>claimed</em> it: {@link #claim} marks up to N due rows that nobody holds
 * ({@code lease_until} empty or past) with the instance's id and a lease, in ONE statement. On PostgreSQL the
 * statement's subquery selects the rows {@code FOR UPDATE SKIP LOCKED}: two instances claiming at the same moment
 * lock disjoint rows instead of waiting for or double-taking each other's, and a row another instance claimed and
 * committed in the meantime is re-checked against its new lease and left alone. On SQLite one statement of the
 * one connection is atomic and a file has one process writing it, so the plain statement is the same guarantee.
 * Every outcome ({@link #settle}, {@link #retryLater}, {@link #release}) clears the lease and is recorded only
 * while the row is still claimed by the same instance; a row whose lease expired may have been claimed again by
 * another instance, which then records its outcome.
 *
 * <p>Stateless apart from the database; thread-safe.
 */
final class DeliveryOutbox {
    static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** One row to add: a consent, a reminder in season and the season's year. */
    record NewDelivery(String creditCode, String receiptId, String reminderId, int season) {
    }

    /** A row claimed by this instance, and until when the claim holds. */
    record Claimed(DeliveryLogRow row, Instant leaseUntil) {
    }

    private static final String COLUMNS = "id, credit_code, reminder_id, season, status, attempts, next_attempt_at, "
            + "last_error, created_at, finished_at, receipt_id";
    private static final RowMapper<DeliveryLogRow> ROW = (rs, ctx) -> new DeliveryLogRow(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getInt(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9),
            rs.getString(10), rs.getString(11));
    /** Only while this instance still holds the row: after its lease expired another instance may. */
    private static final String STILL_MINE = " WHERE id = :id AND claimed_by = :me AND status = 'pending'";

    private final Database db;

    DeliveryOutbox(Database db) {
        this.db = db;
    }

    /**
     * Adds the rows that do not exist yet; returns how many were new. The unique key (consent, reminder, season)
     * with {@code ON CONFLICT DO NOTHING} makes this idempotent, also when two instances enqueue at once (the
     * second waits for the first's uncommitted row, then skips it). Rows are inserted in one order (consent,
     * reminder) on every instance, so two concurrent enqueues wait for each other instead of deadlocking.
     */
    int enqueue(List<NewDelivery> rows, Instant now) {
        if (rows.isEmpty()) {
            return 0;
        }
        String at = INSTANT.format(now);
        List<NewDelivery> ordered = rows.stream()
                .sorted(Comparator.comparing(NewDelivery::receiptId).thenComparing(NewDelivery::reminderId)
                        .thenComparingInt(NewDelivery::season))
                .toList();
        return db.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO reminder_deliveries (credit_code, receipt_id, reminder_id, "
                    + "season, status, attempts, next_attempt_at, created_at) "
                    + "VALUES (:creditCode, :receiptId, :reminderId, :season, 'pending', 0, :at, :at) ON CONFLICT DO NOTHING");
            for (NewDelivery d : ordered) {
                batch.bind("creditCode", d.creditCode()).bind("receiptId", d.receiptId()).bind("reminderId", d.reminderId())
                        .bind("season", d.season()).bind("at", at).add();
            }
            return IntStream.of(batch.execute()).map(n -> Math.max(n, 0)).sum();
        });
    }

    /**
     * Claims up to {@code limit} rows due at {@code now} that no live lease holds, for {@code instance}, until
     * {@code leaseUntil}; returns them in id order. One statement, so no other instance can claim the same row.
     */
    List<Claimed> claim(String instance, Instant now, Instant leaseUntil, int limit) {
        String at = INSTANT.format(now);
        String until = INSTANT.format(leaseUntil);
        String skipLocked = db.dialect() == Database.Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        String sql = "UPDATE reminder_deliveries SET claimed_by = :me, lease_until = :until WHERE id IN ("
                + "SELECT id FROM reminder_deliveries WHERE status = 'pending' AND next_attempt_at <= :now "
                + "AND (lease_until IS NULL OR lease_until <= :now) ORDER BY id LIMIT :limit" + skipLocked + ") "
                + "RETURNING " + COLUMNS;
        return db.inTransaction(h -> h.createQuery(sql).bind("me", instance).bind("until", until).bind("now", at)
                        .bind("limit", limit).map(ROW).list())
                .stream().sorted(Comparator.comparingLong(DeliveryLogRow::id))
                .map(row -> new Claimed(row, leaseUntil)).toList();
    }

    /** Settles a claimed row for good; false when it is no longer this instance's (its lease expired and was taken). */
    boolean settle(String instance, long id, String status, int attempts, String reason, Instant now) {
        return db.inTransaction(h -> h.createUpdate("UPDATE reminder_deliveries SET status = :status, attempts = :attempts, "
                        + "last_error = COALESCE(:reason, last_error), finished_at = :now, claimed_by = NULL, lease_until = NULL"
                        + STILL_MINE)
                .bind("status", status).bind("attempts", attempts).bind("reason", reason).bind("now", INSTANT.format(now))
                .bind("id", id).bind("me", instance).execute()) == 1;
    }

    /** Puts a claimed row back for another attempt at {@code next}; false when it is no longer this instance's. */
    boolean retryLater(String instance, long id, int attempts, Instant next, String reason) {
        return db.inTransaction(h -> h.createUpdate("UPDATE reminder_deliveries SET attempts = :attempts, next_attempt_at = :next, "
                        + "last_error = :reason, claimed_by = NULL, lease_until = NULL" + STILL_MINE)
                .bind("attempts", attempts).bind("next", INSTANT.format(next)).bind("reason", reason)
                .bind("id", id).bind("me", instance).execute()) == 1;
    }

    /** Gives claimed rows back untouched, due at once for whichever instance claims next. */
    void release(String instance, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.inTransaction(h -> h.createUpdate("UPDATE reminder_deliveries SET claimed_by = NULL, lease_until = NULL "
                        + "WHERE id IN (<ids>) AND claimed_by = :me AND status = 'pending'")
                .bindList("ids", ids).bind("me", instance).execute());
    }

    /** The most recent rows, newest first, for staff. */
    List<DeliveryLogRow> log(int limit) {
        return page(null, Long.MAX_VALUE, limit);
    }

    /**
     * Up to {@code limit} rows with ids below {@code before}, newest first, of one status or (null) of all: a page of
     * the log, the next page asked with the last id of this one. Keyset paging, so a page stays cheap however long the
     * outbox grows and rows added meanwhile neither shift nor repeat the pages after them.
     */
    List<DeliveryLogRow> page(String status, long before, int limit) {
        String where = status == null ? " WHERE id < :before" : " WHERE id < :before AND status = :status";
        return db.inTransaction(h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM reminder_deliveries" + where + " ORDER BY id DESC LIMIT :limit")
                    .bind("before", before).bind("limit", limit);
            return (status == null ? query : query.bind("status", status)).map(ROW).list();
        });
    }

    /** How many rows the whole outbox holds in each status (statuses with none are absent). */
    Map<String, Long> counts() {
        return db.inTransaction(h -> h.createQuery("SELECT status, COUNT(*) FROM reminder_deliveries GROUP BY status")
                .reduceRows(new java.util.TreeMap<String, Long>(), (m, row) -> {
                    m.put(row.getColumn(1, String.class), row.getColumn(2, Long.class));
                    return m;
                }));
    }
}
