package gov.dadukou.guidance.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the last turn of each chat session so that a follow-up can be understood. Bounded: at most
 * {@code maxSessions} are kept (least recently used go first) and a session expires after {@code ttl}
 * without a turn. Holds no personal data beyond the question text. Thread-safe (one lock; every
 * operation is O(1)).
 */
public final class SessionStore {
    /** What a session remembers of its last answered turn. */
    public record Turn(String question, String entryId, Instant at) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int maxSessions;
    private final LinkedHashMap<String, Turn> turns;

    public SessionStore(Clock clock, Duration ttl, int maxSessions) {
        if (maxSessions < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxSessions and ttl must be positive");
        }
        this.clock = clock;
        this.ttl = ttl;
        this.maxSessions = maxSessions;
        this.turns = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Turn> eldest) {
                return size() > SessionStore.this.maxSessions;
            }
        };
    }

    /** The session's last turn, unless it has expired. */
    public synchronized Optional<Turn> last(String sessionId) {
        Turn turn = turns.get(sessionId);
        if (turn == null) {
            return Optional.empty();
        }
        if (turn.at().plus(ttl).isBefore(clock.instant())) {
            turns.remove(sessionId);
            return Optional.empty();
        }
        return Optional.of(turn);
    }

    public synchronized void remember(String sessionId, String question, String entryId) {
        turns.put(sessionId, new Turn(question, entryId, clock.instant()));
    }

    public synchronized int size() {
        return turns.size();
    }
}
