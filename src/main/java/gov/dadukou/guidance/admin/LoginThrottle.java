package gov.dadukou.guidance.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing without letting anyone lock staff out.
 *
 * <p>Two limits, both kept in memory:
 * <ul>
 *   <li><b>Per (username, address).</b> The first {@value #FREE_FAILURES} failures cost nothing; after the
 *       n-th failure (n ≥ 3) that pair is refused for 2^(n−2) seconds (2, 4, 8 …), at most
 *       {@link #MAX_DELAY}. A success clears the pair. Failures from one address never slow the same
 *       account at another address, so an attacker can no longer lock out a colleague (or the admin) by
 *       typing wrong passwords for their username: the old hard account lock is gone.</li>
 *   <li><b>Per address, across usernames.</b> {@value #ADDRESS_FAILURES} failures within
 *       {@link #ADDRESS_WINDOW} refuse the address until the oldest of them ages out. This is against
 *       password spraying (one common password tried on many usernames), which the per-pair delays do
 *       not see.</li>
 * </ul>
 * Usernames are keyed as typed (normalised), whether or not the account exists, so that a refusal says
 * nothing about which usernames exist.
 *
 * <p>An attempt is counted as a failure <em>before</em> the password is checked ({@link #attempt}) and
 * taken back on success ({@link #succeeded}). Checking first and counting after the slow hash would let
 * a burst of parallel requests all pass the check inside the free window. The address is the client as resolved through the trusted
 * proxies, never a proxy's own address.
 *
 * <p>State is lost on restart (an attacker cannot restart the server) and bounded: pairs idle for
 * {@link #FORGET_AFTER} are swept once more than {@value #MAX_TRACKED} are tracked. Thread-safe.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 3;
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    public static final int ADDRESS_FAILURES = 20;
    public static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
    /** A pair with no failure for this long starts again from zero. */
    public static final Duration FORGET_AFTER = Duration.ofHours(24);
    static final int MAX_TRACKED = 100_000;

    private record Key(String username, String address) {
    }

    /** Failures of one (username, address) pair; immutable, replaced atomically in the map. */
    private record Pair(int failures, Instant last, Instant refusedUntil) {
    }

    /** What the console shows for an account: recent failures and how long some address must still wait. */
    public record Status(int failures, long refusedForSeconds) {
        static final Status NONE = new Status(0, 0);
    }

    private final Map<Key, Pair> pairs = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();

    /**
     * Either refuses this try or lets it through, counting it as a failure until {@link #succeeded} says
     * otherwise. Atomic per pair and per address.
     *
     * @return whole seconds to wait (at least 1) when refused, nothing counted; 0 when the try may go ahead
     */
    public long attempt(String username, String address, Instant now) {
        long wait = waitSeconds(username, address, now);
        if (wait > 0) {
            return wait;
        }
        sweepIfLarge(now);
        long[] refused = {0};
        pairs.compute(new Key(username, address), (k, old) -> {
            if (old != null && old.refusedUntil() != null && old.refusedUntil().isAfter(now)) {
                refused[0] = seconds(now, old.refusedUntil()); // a parallel try got here first
                return old;
            }
            int n = old == null || old.last().plus(FORGET_AFTER).isBefore(now) ? 1 : old.failures() + 1;
            return new Pair(n, now, n >= FREE_FAILURES ? now.plus(delayAfter(n)) : null);
        });
        if (refused[0] > 0) {
            return refused[0];
        }
        Deque<Instant> recent = byAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent, now);
            if (recent.size() >= ADDRESS_FAILURES) {
                return seconds(now, recent.peekFirst().plus(ADDRESS_WINDOW)); // the pair keeps its count: errs on the safe side
            }
            recent.addLast(now);
        }
        return 0;
    }

    /**
     * How long this username may not be tried from this address, without counting anything.
     *
     * @return whole seconds to wait (at least 1 when refused), 0 when a try is allowed now
     */
    public long waitSeconds(String username, String address, Instant now) {
        long wait = 0;
        Pair p = pairs.get(new Key(username, address));
        if (p != null && p.refusedUntil() != null && p.refusedUntil().isAfter(now)) {
            wait = seconds(now, p.refusedUntil());
        }
        Deque<Instant> recent = byAddress.get(address);
        if (recent != null) {
            synchronized (recent) {
                prune(recent, now);
                if (recent.size() >= ADDRESS_FAILURES) {
                    wait = Math.max(wait, seconds(now, recent.peekFirst().plus(ADDRESS_WINDOW)));
                }
            }
        }
        return wait;
    }

    /**
     * The try counted at {@code attemptedAt} was a success: the pair is cleared and that one try is taken
     * off the address's count. Only that one: a sprayer's single success must not wash away its failures.
     */
    public void succeeded(String username, String address, Instant attemptedAt) {
        pairs.remove(new Key(username, address));
        Deque<Instant> recent = byAddress.get(address);
        if (recent != null) {
            synchronized (recent) {
                recent.removeLastOccurrence(attemptedAt);
            }
        }
    }

    /**
     * Clears every address's delays for a username (an admin's unlock).
     *
     * @return how many (username, address) pairs were cleared
     */
    public int clear(String username) {
        int[] cleared = {0};
        pairs.keySet().removeIf(k -> {
            boolean match = k.username().equals(username);
            cleared[0] += match ? 1 : 0;
            return match;
        });
        return cleared[0];
    }

    /** Per username: failures still remembered and the longest wait any address has. One pass. */
    public Map<String, Status> statuses(Instant now) {
        Map<String, Status> out = new HashMap<>();
        pairs.forEach((k, p) -> {
            if (p.last().plus(FORGET_AFTER).isBefore(now)) {
                return;
            }
            long wait = p.refusedUntil() != null && p.refusedUntil().isAfter(now) ? seconds(now, p.refusedUntil()) : 0;
            out.merge(k.username(), new Status(p.failures(), wait),
                    (a, b) -> new Status(a.failures() + b.failures(), Math.max(a.refusedForSeconds(), b.refusedForSeconds())));
        });
        return out;
    }

    /** 2^(n−2) seconds after the n-th failure, capped; n ≥ 3. */
    static Duration delayAfter(int failures) {
        int exponent = Math.min(failures - FREE_FAILURES + 1, 30); // 2^30 s is far past the cap anyway
        long seconds = 1L << exponent;
        return seconds >= MAX_DELAY.toSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
    }

    private void sweepIfLarge(Instant now) {
        if (pairs.size() > MAX_TRACKED) {
            pairs.values().removeIf(p -> p.last().plus(FORGET_AFTER).isBefore(now)
                    || (p.refusedUntil() == null || !p.refusedUntil().isAfter(now)) && p.last().plus(MAX_DELAY).isBefore(now));
        }
        if (byAddress.size() > MAX_TRACKED) {
            byAddress.values().removeIf(d -> {
                synchronized (d) {
                    prune(d, now);
                    return d.isEmpty();
                }
            });
        }
    }

    private static void prune(Deque<Instant> recent, Instant now) {
        Instant cutoff = now.minus(ADDRESS_WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.pollFirst();
        }
    }

    private static long seconds(Instant now, Instant until) {
        long millis = Duration.between(now, until).toMillis();
        return Math.max(1, (millis + 999) / 1000); // round up: retrying at the advertised second must work
    }
}
