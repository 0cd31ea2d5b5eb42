package gov.dadukou.guidance.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the database can be written, for {@code /health}, which load balancers poll often. While
 * writes work this costs a volatile read. After a storage fault the answer stays "failing" until a write
 * succeeds; since an instance taken out of rotation gets no traffic and so no writes, the check itself
 * tries one harmless write ({@link Database#probeWrite()}), at most once per {@code probeInterval}
 * however often it is polled, so that a repaired disk brings the instance back. Thread-safe.
 */
public final class StorageHealth {
    /** The default: a poll every few seconds from several balancers still costs at most one write a second. */
    public static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final Database database;
    private final Clock clock;
    private final Duration probeInterval;
    private Instant lastProbe = Instant.MIN; // guarded by this

    public StorageHealth(Database database, Clock clock, Duration probeInterval) {
        if (probeInterval.isNegative()) {
            throw new IllegalArgumentException("probe interval must not be negative: " + probeInterval);
        }
        this.database = database;
        this.clock = clock;
        this.probeInterval = probeInterval;
    }

    /** The current storage fault, empty when writes work; probes first when one is due. */
    public Optional<Database.Fault> check() {
        if (database.storageFault().isEmpty()) {
            return Optional.empty();
        }
        if (probeDue()) {
            try {
                database.probeWrite();
            } catch (StorageFaultException stillFailing) {
                // already recorded by the database as the current fault, which is what is reported below
            }
        }
        return database.storageFault();
    }

    private synchronized boolean probeDue() {
        Instant now = clock.instant();
        if (lastProbe.plus(probeInterval).isAfter(now)) {
            return false;
        }
        lastProbe = now;
        return true;
    }
}
