package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every chat session store does, in memory or in the database (the subclasses). */
abstract class SessionStoreTest {
    static final Duration TTL = Duration.ofMinutes(30);
    final TestClock clock = new TestClock(Instant.parse("2026-12-02T01:00:00Z"));

    abstract SessionStore store(Duration ttl, int maxSessions);

    @Test
    void aSessionRemembersItsLastTurnUntilItsTimeToLivePasses() {
        SessionStore s = store(TTL, 100);
        s.remember("follow-1", "营业执照要挂出来吗", "scjg-yyzz-xingmu");
        clock.advance(TTL);
        SessionStore.Turn turn = s.last("follow-1").orElseThrow();
        assertEquals("营业执照要挂出来吗", turn.question());
        assertEquals("scjg-yyzz-xingmu", turn.entryId());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(s.last("follow-1").isEmpty(), "expired one second after its time to live");
    }

    @Test
    void aLaterTurnReplacesTheEarlierAndRestartsItsTime() {
        SessionStore s = store(TTL, 100);
        s.remember("follow-2", "营业执照要挂出来吗", "scjg-yyzz-xingmu");
        clock.advance(Duration.ofMinutes(20));
        s.remember("follow-2", "营业执照要挂出来吗 那不挂会怎么样？", "scjg-yyzz-xingmu");
        clock.advance(Duration.ofMinutes(20));
        assertEquals("营业执照要挂出来吗 那不挂会怎么样？", s.last("follow-2").orElseThrow().question());
    }

    @Test
    void anotherSessionSeesNothing() {
        SessionStore s = store(TTL, 100);
        s.remember("follow-3", "营业执照要挂出来吗", "scjg-yyzz-xingmu");
        assertTrue(s.last("follow-4").isEmpty());
        assertTrue(s.last("FOLLOW-3").isEmpty(), "ids are compared exactly");
    }
}
