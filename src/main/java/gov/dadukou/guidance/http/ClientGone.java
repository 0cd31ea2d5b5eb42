package gov.dadukou.guidance.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that hang up mid-request are logged as one WARN line a minute at most, with a count, never a
 * stack trace: a loop of aborted uploads must not become megabytes of log. Thread-safe.
 */
final class ClientGone {
    private static final Logger LOG = LoggerFactory.getLogger(ClientGone.class);
    private static final long INTERVAL_NANOS = 60_000_000_000L;
    private static final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private static final AtomicLong sinceLast = new AtomicLong();

    private ClientGone() {
    }

    static void note(String request, Throwable cause) {
        long count = sinceLast.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            sinceLast.addAndGet(-count);
            LOG.warn("{} client(s) hung up before their request body arrived (latest: {}: {})", count, request, cause.toString());
        }
    }

    /** How many went unlogged since the last warning (tests). */
    static long unlogged() {
        return sinceLast.get();
    }
}
