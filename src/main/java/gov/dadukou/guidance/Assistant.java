package gov.dadukou.guidance;

import gov.dadukou.guidance.chat.AnswerPolicy;
import gov.dadukou.guidance.chat.ChatService;
import gov.dadukou.guidance.chat.SessionStore;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.search.Analyzers;
import gov.dadukou.guidance.search.EntryIndex;
import gov.dadukou.guidance.search.QueryRewriter;
import gov.dadukou.guidance.search.Retriever;

import java.time.Clock;

/**
 * The application's services, wired once from the configuration, with no HTTP in sight: the HTTP
 * layer, the evaluation command and tests all use the same instance. Closing it releases the index in
 * the reverse order of opening. Thread-safe after construction.
 */
public final class Assistant implements AutoCloseable {
    private final AppConfig config;
    private final KnowledgeBase knowledgeBase;
    private final EntryStore entries;
    private final Analyzers analyzers;
    private final EntryIndex index;
    private final ChatService chat;

    private Assistant(AppConfig config, Clock clock) {
        this.config = config;
        this.knowledgeBase = KnowledgeBaseLoader.load(config.kbDir());
        this.entries = EntryStore.of(knowledgeBase);
        this.analyzers = new Analyzers();
        QueryRewriter rewriter = QueryRewriter.load(config.kbDir().resolve("synonyms.txt"));
        this.index = new EntryIndex(analyzers, rewriter);
        index.upsertAll(knowledgeBase.entries());
        Retriever retriever = new Retriever(index, Retriever.Weights.defaults());
        this.chat = new ChatService(entries, retriever, AnswerPolicy.defaults(),
                new SessionStore(clock, config.sessionTtl(), config.maxSessions()));
    }

    /**
     * Loads and validates the knowledge base and builds the index.
     *
     * @throws gov.dadukou.guidance.knowledge.KnowledgeBaseException when the base is invalid
     */
    public static Assistant start(AppConfig config, Clock clock) {
        return new Assistant(config, clock);
    }

    public AppConfig config() {
        return config;
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public EntryStore entries() {
        return entries;
    }

    public ChatService chat() {
        return chat;
    }

    public int indexedEntries() {
        return index.size();
    }

    @Override
    public void close() {
        index.close();
        analyzers.close();
    }
}
