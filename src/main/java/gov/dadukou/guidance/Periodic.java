package gov.dadukou.guidance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run again and again, {@code interval} after the end of each run, on one daemon thread of its own. A run
 * that throws does not stop the next one: the first failure of a series is logged with its cause, the following
 * ones are counted and not logged (a poll every half second must not flood the log while the database is down;
 * {@code /health} reports the storage fault), and the first success after them is logged. Thread-safe.
 */
final class Periodic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Runnable task;
    private final ScheduledExecutorService timer;
    /** Failures since the last success. Only the timer thread touches it. */
    private long failing;

    private Periodic(String name, Runnable task) {
        this.name = name;
        this.task = task;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts running {@code task} every {@code interval}, the first time after one interval. */
    static Periodic start(String name, Duration interval, Runnable task) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        Periodic p = new Periodic(name, task);
        p.timer.scheduleWithFixedDelay(p::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    private void runOnce() {
        try {
            task.run();
            if (failing > 0) {
                LOG.info("{} works again after {} failed runs", name, failing);
                failing = 0;
            }
        } catch (RuntimeException e) {
            // Caught so that the executor keeps scheduling (an escaping exception would cancel every later run).
            if (failing++ == 0) {
                LOG.error("{} failed; retrying quietly until it works again", name, e);
            }
        }
    }

    /** Stops: no run starts after this returns, and a run in progress is waited for (up to five seconds). */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within five seconds; interrupting it", name);
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
