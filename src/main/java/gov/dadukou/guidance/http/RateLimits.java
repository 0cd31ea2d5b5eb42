package gov.dadukou.guidance.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.SharedBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-address token buckets for the public API: questions per minute, and all public writes together
 * per hour. A limit of 0 is off.
 *
 * <p>Where the buckets live. In memory, in a cache bounded in size and expiring when idle, so that a flood
 * from many addresses costs bounded memory (at worst an address forgotten early gets a fresh bucket). With
 * {@link SharedBuckets} (PostgreSQL, several instances) the kinds in {@code sharedKinds} are in the database
 * instead, so that a client's budget is the same whichever instance its requests land on. By default that
 * is the writes only ({@link #SHARED_BY_DEFAULT}): they cost something shared by all instances (codes sent
 * by SMS, ledger rows, staff attention), so two instances must not double them. The question limit protects
 * the CPU of the instance that answers, which a per-instance bucket does exactly, and a shared one would
 * add a database transaction to every question (measured in docs/benchmarks.md). When the database cannot
 * be reached for a check, that check and those of the next {@link #RETRY_SHARED_AFTER} are decided by this
 * instance's in-memory buckets (a warning is logged, at most once a minute): a database outage must neither
 * refuse every request nor make each wait for a connection, and writes fail on the database anyway.
 * Thread-safe.
 */
final class RateLimits {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);
    /** Enough for every address a district site sees in an hour, at well under 100 MB. */
    static final int MAX_TRACKED_ADDRESSES = 100_000;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** After a failed shared check, how long this instance decides alone before trying the database again. */
    static final Duration RETRY_SHARED_AFTER = Duration.ofSeconds(10);

    enum Kind {
        CHAT(Duration.ofMinutes(1)), WRITE(Duration.ofHours(1));

        final Duration period;

        Kind(Duration period) {
            this.period = period;
        }
    }

    /** What is shared through the database when there is one (see the class comment for why). */
    static final Set<Kind> SHARED_BY_DEFAULT = EnumSet.of(Kind.WRITE);

    private final Cache<String, Bucket> chat;
    private final Cache<String, Bucket> writes;
    private final AppConfig.Limits limits;
    /** Null: in memory only. */
    private final SharedBuckets shared;
    private final Set<Kind> sharedKinds;
    private final java.util.Map<Kind, BucketConfiguration> configurations = new java.util.EnumMap<>(Kind.class);
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    /** System.nanoTime() before which the shared buckets are not tried (each try may wait 2 s for a connection). */
    private volatile long sharedDownUntil = System.nanoTime();

    /** In memory only: one instance. */
    RateLimits(AppConfig.Limits limits) {
        this(limits, null);
    }

    /** @param shared the database's buckets, shared by every instance; null for in-memory buckets */
    RateLimits(AppConfig.Limits limits, SharedBuckets shared) {
        this(limits, shared, SHARED_BY_DEFAULT);
    }

    /** @param sharedKinds the limits kept in {@code shared} (the others stay in memory); for the benchmark */
    RateLimits(AppConfig.Limits limits, SharedBuckets shared, Set<Kind> sharedKinds) {
        this.limits = limits;
        this.shared = shared;
        this.sharedKinds = shared == null ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(sharedKinds);
        this.chat = cache(Duration.ofMinutes(2));
        this.writes = cache(Duration.ofHours(2));
        for (Kind kind : Kind.values()) {
            int perPeriod = perPeriod(kind);
            if (perPeriod > 0) {
                configurations.put(kind, BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(perPeriod).refillGreedy(perPeriod, kind.period).build())
                        .build());
            }
        }
    }

    private int perPeriod(Kind kind) {
        return kind == Kind.CHAT ? limits.chatPerMinute() : limits.writesPerHour();
    }

    private static Cache<String, Bucket> cache(Duration idle) {
        return Caffeine.newBuilder().maximumSize(MAX_TRACKED_ADDRESSES).expireAfterAccess(idle).build();
    }

    /** Whether this kind's buckets are shared through the database. */
    boolean shared(Kind kind) {
        return sharedKinds.contains(kind);
    }

    /** @throws ClientException 429 {@code rate_limited} with the seconds to wait, when the address is over its limit */
    void check(Kind kind, String address) {
        BucketConfiguration configuration = configurations.get(kind);
        if (configuration == null) {
            return; // 0: off
        }
        ConsumptionProbe probe = consume(kind, address, configuration);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
            throw ClientException.rateLimited(seconds, kind == Kind.CHAT
                    ? "提问太频繁了，请" + seconds + "秒后再试。如急需帮助，请拨打12345政务服务便民热线。"
                    : "提交太频繁了，请稍后再试（约" + minutes(seconds) + "）。如急需帮助，请拨打12345政务服务便民热线。");
        }
    }

    private ConsumptionProbe consume(Kind kind, String address, BucketConfiguration configuration) {
        if (sharedKinds.contains(kind) && System.nanoTime() - sharedDownUntil >= 0) {
            try {
                // The limit is part of the key: instances restarted with another limit start new buckets.
                String key = kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + perPeriod(kind) + ":" + address;
                return shared.bucket(key, configuration).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                sharedDownUntil = System.nanoTime() + RETRY_SHARED_AFTER.toNanos();
                warnFallingBack(e);
            }
        }
        Cache<String, Bucket> buckets = kind == Kind.CHAT ? chat : writes;
        return buckets.get(address, a -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build())
                .tryConsumeAndReturnRemaining(1);
    }

    private void warnFallingBack(RuntimeException e) {
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("rate limits decided per instance: the shared buckets in the database are unavailable ({})", e.toString());
        }
    }

    /** How many addresses are tracked in memory now (for the bounded-memory test). */
    long tracked() {
        chat.cleanUp();
        writes.cleanUp();
        return chat.estimatedSize() + writes.estimatedSize();
    }

    private static String minutes(long seconds) {
        return seconds < 60 ? seconds + "秒" : (seconds + 59) / 60 + "分钟";
    }
}
