package gov.dadukou.guidance.chat;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemorySessionsTest extends SessionStoreTest {
    @Override
    SessionStore store(Duration ttl, int maxSessions) {
        return new MemorySessions(clock, ttl, maxSessions);
    }

    @Test
    void atMostMaxSessionsAreKeptAndTheLeastRecentlyUsedGoesFirst() {
        MemorySessions s = new MemorySessions(clock, TTL, 2);
        s.remember("a", "问题一", "e1");
        s.remember("b", "问题二", "e2");
        s.last("a");
        s.remember("c", "问题三", "e3");
        assertEquals(2, s.size());
        assertTrue(s.last("b").isEmpty(), "b was used least recently");
        assertTrue(s.last("a").isPresent());
    }
}
