package gov.dadukou.guidance.chat;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the last answered turn of each chat session so that a follow-up ("那不挂会怎么样？") can be understood,
 * for a limited time ({@code SESSION_TTL_MINUTES}) and a bounded number of sessions ({@code MAX_SESSIONS}).
 *
 * <p>Two implementations: {@link MemorySessions} (SQLite, one instance) and {@link DatabaseSessions} (PostgreSQL,
 * where a follow-up may land on another instance than the question before it). The context is shared in the database
 * rather than carried by the client in a signed token because the API's contract is that a client sends only
 * {@code sessionId}, a string of its choosing (the README's curl examples, the widget, other sites' integrations): a
 * token would have to be echoed back by every client, and those that do not (curl, old widgets cached for ten
 * minutes) would lose their follow-ups. Implementations are thread-safe.
 */
public interface SessionStore {
    /** What a session remembers of its last answered turn. */
    record Turn(String question, String entryId, Instant at) {
    }

    /** The session's last turn, unless it has expired. */
    Optional<Turn> last(String sessionId);

    /** Remembers {@code question} (with what came before it, for a follow-up) as answered by {@code entryId}. */
    void remember(String sessionId, String question, String entryId);
}
