package gov.dadukou.guidance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodicTest {
    @Test
    void aTaskThatFailsKeepsBeingRunAndStopsForGoodOnClose() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Periodic p = Periodic.start("test-task", Duration.ofMillis(10), () -> {
            if (runs.incrementAndGet() <= 3) {
                throw new IllegalStateException("database down (run " + runs.get() + ")");
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runs.get() < 8 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(runs.get() >= 8, "still running after three failures: " + runs.get());
        p.close();
        int atClose = runs.get();
        Thread.sleep(100);
        assertEquals(atClose, runs.get(), "no run after close()");
    }
}
