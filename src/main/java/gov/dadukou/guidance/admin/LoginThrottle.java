package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.store.Database;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows password guessing without letting anyone lock staff out.
 *
 * <p>Two limits, both kept in the database, so that every instance on it decides alike (a guesser who
 * spreads tries over instances behind a load balancer is slowed exactly as if they all hit one):
 * <ul>
 *   <li><b>Per (username, address)</b>, table {@code login_failures}. The first {@value #FREE_FAILURES}
 *       failures cost nothing; after the n-th failure (n ≥ 3) that pair is refused for 2^(n−2) seconds
 *       (2, 4, 8 …), at most {@link #MAX_DELAY}. A success clears the pair. Failures from one address never
 *       slow the same account at another address, so an attacker cannot lock out a colleague (or the admin)
 *       by typing wrong passwords for their username: there is no hard account lock.</li>
 *   <li><b>Per address, across usernames</b>, table {@code login_address_failures}. {@value #ADDRESS_FAILURES}
 *       failures within {@link #ADDRESS_WINDOW} refuse the address until the oldest of them ages out. This is
 *       against password spraying (one common password tried on many usernames), which the per-pair delays
 *       do not see.</li>
 * </ul>
 * Usernames are keyed as typed (normalised), whether or not the account exists, so that a refusal says
 * nothing about which usernames exist. Times are stored as epoch milliseconds.
 *
 * <p>An attempt is counted as a failure <em>before</em> the password is checked ({@link #attempt}) and
 * taken back on success ({@link #succeeded}). Checking first and counting after the slow hash would let
 * a burst of parallel requests all pass the check inside the free window. The address is the client as
 * resolved through the trusted proxies, never a proxy's own address.
 *
 * <p>Thread- and instance-safe: every decision is one transaction. On PostgreSQL the transactions of one
 * address are serialised by a transaction-scoped advisory lock on the address (the pair's key contains
 * the address, so both limits are covered); SQLite runs one transaction at a time anyway. State survives
 * a restart. Rows are swept once a minute per instance: pairs idle for {@link #FORGET_AFTER}, address
 * failures older than {@link #ADDRESS_WINDOW}.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 3;
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    public static final int ADDRESS_FAILURES = 20;
    public static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
    /** A pair with no failure for this long starts again from zero. */
    public static final Duration FORGET_AFTER = Duration.ofHours(24);
    /** How often one instance deletes rows that no longer count. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    /** Failures of one (username, address) pair. {@code refusedUntil} is null while the pair is in its free failures. */
    private record Pair(int failures, Instant last, Instant refusedUntil) {
        boolean refusedAt(Instant now) {
            return refusedUntil != null && refusedUntil.isAfter(now);
        }
    }

    /** What the console shows for an account: recent failures and how long some address must still wait. */
    public record Status(int failures, long refusedForSeconds) {
        static final Status NONE = new Status(0, 0);
    }

    private final Database db;
    /** When this instance last swept, epoch ms (another instance's sweep is as good). */
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

    public LoginThrottle(Database db) {
        this.db = db;
    }

    /**
     * Either refuses this try or lets it through, counting it as a failure until {@link #succeeded} says
     * otherwise. Atomic per address across all instances.
     *
     * @return whole seconds to wait (at least 1) when refused, nothing counted; 0 when the try may go ahead
     */
    public long attempt(String username, String address, Instant now) {
        sweepIfDue(now);
        return db.inTransaction(h -> {
            lockAddress(h, address);
            long wait = waitSeconds(h, username, address, now);
            if (wait > 0) {
                return wait;
            }
            Optional<Pair> old = pair(h, username, address);
            int n = old.isEmpty() || old.get().last().plus(FORGET_AFTER).isBefore(now) ? 1 : old.get().failures() + 1;
            Instant refusedUntil = n >= FREE_FAILURES ? now.plus(delayAfter(n)) : null;
            h.createUpdate("INSERT INTO login_failures (username, address, failures, last_at, refused_until) "
                            + "VALUES (:u, :a, :n, :at, :until) ON CONFLICT (username, address) DO UPDATE SET "
                            + "failures = excluded.failures, last_at = excluded.last_at, refused_until = excluded.refused_until")
                    .bind("u", username).bind("a", address).bind("n", n).bind("at", now.toEpochMilli())
                    .bind("until", refusedUntil == null ? null : refusedUntil.toEpochMilli())
                    .execute();
            // The address count was checked above under the same lock: below the limit, so this try counts.
            h.createUpdate("INSERT INTO login_address_failures (address, at) VALUES (:a, :at)")
                    .bind("a", address).bind("at", now.toEpochMilli()).execute();
            return 0L;
        });
    }

    /**
     * How long this username may not be tried from this address, without counting anything.
     *
     * @return whole seconds to wait (at least 1 when refused), 0 when a try is allowed now
     */
    public long waitSeconds(String username, String address, Instant now) {
        return db.inTransaction(h -> waitSeconds(h, username, address, now));
    }

    private static long waitSeconds(Handle h, String username, String address, Instant now) {
        long wait = pair(h, username, address).filter(p -> p.refusedAt(now)).map(p -> seconds(now, p.refusedUntil())).orElse(0L);
        // The ADDRESS_FAILURES-th most recent failure inside the window: the address is free again once it ages out.
        Optional<Long> oldestCounted = h.createQuery("SELECT at FROM login_address_failures WHERE address = :a AND at > :cutoff "
                        + "ORDER BY at DESC LIMIT 1 OFFSET :skip")
                .bind("a", address).bind("cutoff", now.minus(ADDRESS_WINDOW).toEpochMilli()).bind("skip", ADDRESS_FAILURES - 1)
                .mapTo(Long.class).findFirst();
        if (oldestCounted.isPresent()) {
            wait = Math.max(wait, seconds(now, Instant.ofEpochMilli(oldestCounted.get()).plus(ADDRESS_WINDOW)));
        }
        return wait;
    }

    /**
     * The try counted at {@code attemptedAt} was a success: the pair is cleared and that one try is taken
     * off the address's count. Only that one: a sprayer's single success must not wash away its failures.
     */
    public void succeeded(String username, String address, Instant attemptedAt) {
        db.inTransaction(h -> {
            lockAddress(h, address);
            h.createUpdate("DELETE FROM login_failures WHERE username = :u AND address = :a")
                    .bind("u", username).bind("a", address).execute();
            // One row, the latest of that instant (as the in-memory deque's removeLastOccurrence did).
            h.createUpdate("DELETE FROM login_address_failures WHERE id = (SELECT MAX(id) FROM login_address_failures "
                            + "WHERE address = :a AND at = :at)")
                    .bind("a", address).bind("at", attemptedAt.toEpochMilli()).execute();
            return null;
        });
    }

    /**
     * Clears every address's delays for a username (an admin's unlock).
     *
     * @return how many (username, address) pairs were cleared
     */
    public int clear(String username) {
        return db.inTransaction(h -> h.createUpdate("DELETE FROM login_failures WHERE username = :u").bind("u", username).execute());
    }

    /** Per username: failures still remembered and the longest wait any address has. One query. */
    public Map<String, Status> statuses(Instant now) {
        Map<String, Status> out = new HashMap<>();
        db.inTransaction(h -> h.createQuery("SELECT username, failures, last_at, refused_until FROM login_failures WHERE last_at >= :since")
                .bind("since", now.minus(FORGET_AFTER).toEpochMilli())
                .map((rs, ctx) -> {
                    Pair p = pair(rs.getInt(2), rs.getLong(3), nullableLong(rs, 4));
                    long wait = p.refusedAt(now) ? seconds(now, p.refusedUntil()) : 0;
                    return Map.entry(rs.getString(1), new Status(p.failures(), wait));
                })
                .list())
                .forEach(e -> out.merge(e.getKey(), e.getValue(),
                        (a, b) -> new Status(a.failures() + b.failures(), Math.max(a.refusedForSeconds(), b.refusedForSeconds()))));
        return out;
    }

    /** 2^(n−2) seconds after the n-th failure, capped; n ≥ 3. */
    static Duration delayAfter(int failures) {
        int exponent = Math.min(failures - FREE_FAILURES + 1, 30); // 2^30 s is far past the cap anyway
        long seconds = 1L << exponent;
        return seconds >= MAX_DELAY.toSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
    }

    /**
     * Deletes what no longer counts: pairs without a failure for {@link #FORGET_AFTER} (whatever their delay,
     * which is at most {@link #MAX_DELAY}) and address failures older than {@link #ADDRESS_WINDOW}.
     *
     * @return how many rows were deleted
     */
    int sweep(Instant now) {
        return db.inTransaction(h -> h.createUpdate("DELETE FROM login_failures WHERE last_at < :forget")
                .bind("forget", now.minus(FORGET_AFTER).toEpochMilli()).execute()
                + h.createUpdate("DELETE FROM login_address_failures WHERE at <= :cutoff")
                .bind("cutoff", now.minus(ADDRESS_WINDOW).toEpochMilli()).execute());
    }

    private void sweepIfDue(Instant now) {
        long last = lastSweep.get();
        long at = now.toEpochMilli();
        if ((last == Long.MIN_VALUE || at - last >= SWEEP_EVERY.toMillis()) && lastSweep.compareAndSet(last, at)) {
            sweep(now);
        }
    }

    /**
     * PostgreSQL: waits for, and holds until commit, the lock of this address, so that two instances deciding
     * about one address take turns. SQLite needs none (one transaction at a time).
     */
    private void lockAddress(Handle h, String address) {
        if (db.dialect() == Database.Dialect.POSTGRESQL) {
            // Two int keys: a class id of our own, so that no other advisory lock of the application collides.
            h.createQuery("SELECT pg_advisory_xact_lock(16016, hashtext(:a))").bind("a", address).map((rs, ctx) -> true).one();
        }
    }

    private static Optional<Pair> pair(Handle h, String username, String address) {
        return h.createQuery("SELECT failures, last_at, refused_until FROM login_failures WHERE username = :u AND address = :a")
                .bind("u", username).bind("a", address)
                .map((rs, ctx) -> pair(rs.getInt(1), rs.getLong(2), nullableLong(rs, 3)))
                .findFirst();
    }

    private static Pair pair(int failures, long lastAt, Long refusedUntil) {
        return new Pair(failures, Instant.ofEpochMilli(lastAt), refusedUntil == null ? null : Instant.ofEpochMilli(refusedUntil));
    }

    private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static long seconds(Instant now, Instant until) {
        long millis = Duration.between(now, until).toMillis();
        return Math.max(1, (millis + 999) / 1000); // round up: retrying at the advertised second must work
    }
}
