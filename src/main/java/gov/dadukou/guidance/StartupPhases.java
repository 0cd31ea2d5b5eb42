package gov.dadukou.guidance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall-clock milliseconds of each start-up phase, for the start-up log line that {@code bench/run.sh} and an operator
 * read to see where a slow start went. Not thread-safe: one start-up thread marks it.
 */
final class StartupPhases {
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private long last = System.nanoTime();

    /** Ends the phase named {@code name}, which began at the previous mark (or at construction). */
    void mark(String name) {
        long now = System.nanoTime();
        phases.put(name, (now - last) / 1_000_000);
        last = now;
    }

    @Override
    public String toString() {
        return phases.toString();
    }
}
