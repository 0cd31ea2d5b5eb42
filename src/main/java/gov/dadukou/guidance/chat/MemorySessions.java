package gov.dadukou.guidance.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The chat sessions of one instance, in its memory: the store for SQLite, which is one instance. Bounded: at most
 * {@code maxSessions} are kept (least recently used go first) and a session expires after {@code ttl}
 * without a turn. Holds no personal data beyond the question text. Thread-safe (one lock; every
 * operation is O(1)).
 */
public final class MemorySessions implements SessionStore {
    private final Clock clock;
    private final Duration ttl;
    private final int maxSessions;
    private final LinkedHashMap<String, Turn> turns;

    public MemorySessions(Clock clock, Duration ttl, int maxSessions) {
        if (maxSessions < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxSessions and ttl must be positive");
        }
        this.clock = clock;
        this.ttl = ttl;
        this.maxSessions = maxSessions;
        this.turns = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Turn> eldest) {
                return size() > MemorySessions.this.maxSessions;
            }
        };
    }

    @Override
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

    @Override
    public synchronized void remember(String sessionId, String question, String entryId) {
        turns.put(sessionId, new Turn(question, entryId, clock.instant()));
    }

    /** How many sessions are held (expired ones included until they are asked for or pushed out). */
    public synchronized int size() {
        return turns.size();
    }
}
