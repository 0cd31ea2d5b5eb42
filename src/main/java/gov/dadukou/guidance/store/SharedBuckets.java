package gov.dadukou.guidance.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets kept in PostgreSQL, table {@code rate_limit_buckets} (migration V13), so that every instance
 * on one database draws from the same bucket: two instances behind a load balancer do not double a limit.
 * Bucket4j's PostgreSQL proxy manager does the work: each consumption is one short transaction that locks
 * the bucket's row ({@code SELECT … FOR UPDATE}), refills it by the time passed and writes it back, so the
 * refill maths and the wait it reports are those of the in-memory buckets. Time is each instance's clock:
 * instances must keep their clocks in step (NTP), as they must for everything else they write.
 *
 * <p>The table is UNLOGGED and the pool's sessions commit asynchronously: a bucket is not worth a disk flush
 * per question. The buckets have their own small connection pool: a flood of requests waiting on a bucket row can then
 * never take the connections the ledger and the staff console need. A bucket is deletable once it would be
 * full again (a full bucket is the same as none); a background thread deletes such rows every
 * {@link #CLEAN_EVERY}. Thread-safe; {@link #close()} stops the cleaner and the pool.
 */
public final class SharedBuckets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedBuckets.class);
    static final String TABLE = "rate_limit_buckets";
    /** Connections of this pool per instance: a bucket transaction takes about a millisecond. */
    static final int POOL_SIZE = 4;
    static final Duration CLEAN_EVERY = Duration.ofMinutes(5);
    private static final int CLEAN_BATCH = 1_000;

    private final HikariDataSource pool;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final ScheduledExecutorService cleaner;

    private SharedBuckets(HikariDataSource pool) {
        this.pool = pool;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                // Kept a little past the moment the bucket is full again, then deletable.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rate-limit-bucket-cleaner");
            t.setDaemon(true);
            return t;
        });
        cleaner.scheduleWithFixedDelay(this::cleanQuietly, CLEAN_EVERY.toSeconds(), CLEAN_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * The buckets of the PostgreSQL database in {@code settings} (already migrated by {@link Database#open(PostgresSettings)}).
     * Connections are made when first needed, so this does not fail at start.
     */
    public static SharedBuckets open(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        // A limit check waits at most 2 s for a connection; the caller then decides without the database.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        config.setPoolName("guidance-rate-limits");
        config.addDataSourceProperty("ApplicationName", "guidance-assistant rate limits");
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", "5");
        // A bucket's update need not wait for the disk (the table is UNLOGGED as well): losing the last moments
        // of buckets in a crash only lets a client a few requests more.
        config.addDataSourceProperty("options", "-c synchronous_commit=off");
        return new SharedBuckets(new HikariDataSource(config));
    }

    /**
     * The shared bucket stored under {@code key}, made from {@code configuration} if it does not exist yet. The
     * returned bucket talks to the database on each consumption; creating it costs nothing. Callers put whatever
     * defines the configuration (the limit) into the key, so that a changed limit starts new buckets.
     * Consuming may throw a runtime exception when the database cannot be reached.
     */
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.builder().build(key, () -> configuration);
    }

    /**
     * Deletes buckets that would be full again by now, in batches.
     *
     * @return how many rows were deleted
     */
    public int removeExpired() {
        int total = 0;
        int removed;
        do {
            removed = buckets.removeExpired(CLEAN_BATCH);
            total += removed;
        } while (removed == CLEAN_BATCH);
        return total;
    }

    private void cleanQuietly() {
        try {
            int removed = removeExpired();
            LOG.debug("deleted {} expired rate-limit buckets", removed);
        } catch (RuntimeException e) {
            // The next run tries again; rows only accumulate meanwhile, limits are unaffected.
            LOG.warn("could not delete expired rate-limit buckets: {}", e.toString());
        }
    }

    @Override
    public void close() {
        cleaner.shutdownNow();
        pool.close();
    }
}
