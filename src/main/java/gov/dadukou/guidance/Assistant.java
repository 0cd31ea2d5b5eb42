package gov.dadukou.guidance;

import gov.dadukou.guidance.admin.EntryDrafts;
import gov.dadukou.guidance.admin.EntryWorkflow;
import gov.dadukou.guidance.admin.EvaluationReport;
import gov.dadukou.guidance.admin.LiveEntries;
import gov.dadukou.guidance.admin.LiveEntrySync;
import gov.dadukou.guidance.admin.PasswordHasher;
import gov.dadukou.guidance.admin.QuestionGaps;
import gov.dadukou.guidance.admin.StaffService;
import gov.dadukou.guidance.check.CheckLog;
import gov.dadukou.guidance.check.CheckService;
import gov.dadukou.guidance.chat.AnswerPolicy;
import gov.dadukou.guidance.chat.ChatService;
import gov.dadukou.guidance.chat.FeedbackService;
import gov.dadukou.guidance.chat.QuestionLog;
import gov.dadukou.guidance.chat.DatabaseSessions;
import gov.dadukou.guidance.chat.MemorySessions;
import gov.dadukou.guidance.chat.SessionStore;
import gov.dadukou.guidance.consent.CodeSender;
import gov.dadukou.guidance.consent.ConsentLedger;
import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.consent.LogCodeSender;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.reminders.DeliveryScheduler;
import gov.dadukou.guidance.reminders.ReminderService;
import gov.dadukou.guidance.reminders.WebhookSender;
import gov.dadukou.guidance.search.Analyzers;
import gov.dadukou.guidance.search.CatalogueSearch;
import gov.dadukou.guidance.search.DenseModel;
import gov.dadukou.guidance.search.IndexSnapshots;
import gov.dadukou.guidance.search.EntryIndex;
import gov.dadukou.guidance.search.QueryRewriter;
import gov.dadukou.guidance.search.Retriever;
import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.SharedBuckets;
import gov.dadukou.guidance.store.StorageHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The application's services, wired once from the configuration, with no HTTP in sight: the HTTP
 * layer, the command-line tools and tests all use the same instance. Opens the knowledge base, the
 * index (with embeddings when dense retrieval is on), the database, and the consent, reminder and
 * delivery services; closing releases them in the reverse order. Thread-safe after construction.
 */
public final class Assistant implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Assistant.class);
    private final AppConfig config;
    private final KnowledgeBase knowledgeBase;
    private final EntryStore entries;
    private final Analyzers analyzers;
    private final EntryIndex index;
    private final Retriever retriever;
    private final CatalogueSearch catalogueSearch;
    private final AnswerPolicy policy;
    private final ChatService chat;
    private final Database database;
    private final StorageHealth storageHealth;
    private final EntryWorkflow workflow;
    private final EntryDrafts drafts;
    private final EvaluationReport report;
    private final ConsentService consent;
    private final ReminderService reminders;
    private final FeedbackService feedback;
    private final QuestionLog questions;
    private final CheckService checks;
    // Remembers the last grouping of unanswered questions between staff requests; see QuestionGaps.
    private final QuestionGaps gaps;
    private final StaffService staff;
    private final DeliveryScheduler deliveries;
    private final gov.dadukou.guidance.messages.MessageService messages;
    private final gov.dadukou.guidance.messages.MessageDesk messageDesk;
    private final gov.dadukou.guidance.messages.MessageStats messageStats;
    /** PostgreSQL only: the rate-limit buckets every instance shares; null on SQLite (one instance, buckets in memory). */
    private final SharedBuckets sharedBuckets;
    private final Clock clock;
    private final LiveEntrySync liveSync;
    private final SessionStore sessions;
    /** The timers of a shared (PostgreSQL) database; none with SQLite. Stopped first by {@link #close()}. */
    private final List<Periodic> background;
    /** Started with the deliveries ({@link #startDeliveries}); null before. */
    private Periodic noticeRetries;
    /** How often an instance on PostgreSQL looks for entries published or retired by another (issue 16: within 2 s). */
    static final Duration LIVE_POLL = Duration.ofMillis(500);
    static final Duration SESSION_PURGE = Duration.ofMinutes(1);

    private Assistant(AppConfig config, Clock clock, CodeSender codeSender, DenseModel model) {
        this.config = config;
        this.clock = clock;
        StartupPhases phases = new StartupPhases();
        this.knowledgeBase = KnowledgeBaseLoader.load(config.kbDir());
        phases.mark("kb");
        this.database = openDatabase(config);
        phases.mark("db");
        // Several instances may share a PostgreSQL database; a SQLite file belongs to one process.
        boolean shared = database.dialect() == Database.Dialect.POSTGRESQL;
        this.storageHealth = new StorageHealth(database, clock, StorageHealth.PROBE_INTERVAL);
        this.sharedBuckets = database.dialect() == Database.Dialect.POSTGRESQL ? SharedBuckets.open(config.database()) : null;
        // Staff edits live in the database; the shipped files only seed an empty one. A publish or retire takes effect
        // here through liveSync, which also applies other instances' changes (polled below, PostgreSQL only).
        this.liveSync = new LiveEntrySync(database, knowledgeBase, new LiveEntries() {
            @Override
            public void publish(Entry entry) {
                entries.put(entry); // store first: a hit the store does not know is treated as retired
                index.upsert(entry);
            }

            @Override
            public void retire(String entryId) {
                entries.remove(entryId); // store first here too: once it is gone there, no answer cites it
                index.delete(entryId);
            }
        });
        this.workflow = new EntryWorkflow(database, knowledgeBase, liveSync, clock);
        this.drafts = new EntryDrafts(workflow, clock);
        int seeded = workflow.seedIfEmpty(knowledgeBase);
        if (seeded > 0) {
            LOG.info("database seeded with {} entries from {}", seeded, config.kbDir());
        }
        this.entries = new EntryStore(liveSync.load(), knowledgeBase.departments());
        phases.mark("seed");
        this.analyzers = new Analyzers();
        QueryRewriter rewriter = QueryRewriter.load(config.kbDir().resolve("synonyms.txt"));
        phases.mark("rewriter");
        this.index = new EntryIndex(analyzers, rewriter, model);
        if (index.load(entries.all(), IndexSnapshots.in(config.indexSnapshots()))) {
            LOG.info("index of {} entries opened from the snapshot of the previous start", index.size());
        }
        phases.mark("index");
        this.retriever = new Retriever(index, Retriever.Weights.fromSystemProperty());
        this.catalogueSearch = new CatalogueSearch(index);
        this.policy = config.dense() ? AnswerPolicy.defaults() : AnswerPolicy.lexicalDefaults();
        this.gaps = new QuestionGaps(config.dense() ? QuestionGaps.Meaning.of(retriever::questionVector, retriever::commonDirection) : null);
        this.reminders = new ReminderService(entries, clock);
        this.sessions = shared
                ? new DatabaseSessions(database, clock, config.sessionTtl(), config.maxSessions())
                : new MemorySessions(clock, config.sessionTtl(), config.maxSessions());
        this.chat = new ChatService(entries, retriever, policy, sessions, ChatService.Season.of(
                () -> reminders.active(reminders.today(), null, null).stream()
                        .map(r -> entries.get(r.id())).flatMap(java.util.Optional::stream).toList(),
                () -> reminders.today().toString()));
        this.consent = new ConsentService(database, clock, knowledgeBase.topics(), new ConsentService.NoticeSettings(
                config.consentController(), config.consentContact(), config.consentRetention(), config.delivery().channel()),
                codeSender);
        this.feedback = new FeedbackService(database, entries, clock);
        this.questions = new QuestionLog(database, clock);
        this.report = new EvaluationReport(database, entries, clock);
        this.checks = new CheckService(entries, new CheckLog(database, clock));
        chat.onAnswered(questions::record);
        this.staff = new StaffService(database, clock, new PasswordHasher(PasswordHasher.OWASP_ITERATIONS), Duration.ofHours(8));
        if (!staff.hasAdmin()) {
            if (config.adminPassword() == null) {
                LOG.warn("no staff admin yet: set ADMIN_PASSWORD on start, or run `create-admin`");
            } else {
                staff.createFirstAdmin(config.adminPassword().toCharArray());
                LOG.info("first staff admin 'admin' created from ADMIN_PASSWORD");
            }
        }
        AppConfig.Delivery d = config.delivery();
        WebhookSender sender = d.enabled() ? new WebhookSender(d.webhookUrl(), d.secret(), Duration.ofSeconds(10)) : null;
        this.deliveries = d.enabled()
                ? new DeliveryScheduler(database, reminders, consent, sender, clock, DeliveryScheduler.Policy.defaults(d.maxAttempts()))
                : null;
        var calendar = gov.dadukou.guidance.messages.WorkingDays.official(config.messages().extraHolidays());
        this.messages = new gov.dadukou.guidance.messages.MessageService(database, clock, calendar,
                config.messages().replyWorkingDays(), question -> chat.pointsTo(question, 3).stream()
                        .map(e -> new gov.dadukou.guidance.messages.Routing.Candidate(e.id(), e.title(), e.department(), e.topics()))
                        .toList(), knowledgeBase.topics());
        this.messageDesk = new gov.dadukou.guidance.messages.MessageDesk(database, clock,
                knowledgeBase.departments().stream().map(dep -> dep.name()).toList(),
                (who, question, answer, department, basis) -> drafts.draftFromMessage(who, question, answer, department,
                        basis.stream().map(b -> b.citation()).toList()).entryId(),
                new gov.dadukou.guidance.messages.MessageNotifier(database, clock, sender));
        this.messageStats = new gov.dadukou.guidance.messages.MessageStats(database, clock);
        ConsentLedger.Verification ledger = consent.verify();
        if (ledger.ok()) {
            LOG.info("consent ledger verified: {} events", ledger.events());
        } else {
            LOG.error("CONSENT LEDGER DOES NOT VERIFY: first bad event {} ({})", ledger.firstBadSeq(), ledger.problem());
        }
        this.background = shared ? startSharedUpkeep() : List.of();
        phases.mark("services");
        LOG.info("start-up phases (ms): {}", phases);
    }

    /**
     * With PostgreSQL, other instances may change what this one holds: their publications and retirements are polled
     * ({@link #LIVE_POLL}: one primary-key read; they answer here within about that delay), and expired chat sessions
     * are purged. SQLite is one instance: nothing to follow, sessions are in memory.
     */
    private List<Periodic> startSharedUpkeep() {
        List<Periodic> started = new java.util.ArrayList<>();
        started.add(Periodic.start("live-entries-poll", LIVE_POLL, liveSync::poll));
        if (sessions instanceof DatabaseSessions stored) {
            started.add(Periodic.start("chat-sessions-purge", SESSION_PURGE, stored::purge));
        }
        return List.copyOf(started);
    }

    /** 留言咨询: the public side. */
    public gov.dadukou.guidance.messages.MessageService messages() {
        return messages;
    }

    /** 留言咨询: the staff side. */
    public gov.dadukou.guidance.messages.MessageDesk messageDesk() {
        return messageDesk;
    }

    /** 留言咨询 in the evaluation report. */
    public gov.dadukou.guidance.messages.MessageStats messageStats() {
        return messageStats;
    }

    /** The configured database: PostgreSQL when {@code DATABASE_URL} is set, otherwise SQLite in the data directory. */
    public static Database openDatabase(AppConfig config) {
        return config.database() != null ? Database.open(config.database())
                : Database.open(config.dataDir().resolve("guidance.db"), config.allowEmptyDatabase());
    }

    public Database database() {
        return database;
    }

    /**
     * The rate-limit buckets shared by every instance on the database: present on PostgreSQL, empty on SQLite
     * (one instance: the HTTP layer keeps its buckets in memory).
     */
    public Optional<SharedBuckets> sharedBuckets() {
        return Optional.ofNullable(sharedBuckets);
    }

    /** Whether the database can be written, for {@code /health}. */
    public StorageHealth storageHealth() {
        return storageHealth;
    }

    public ConsentService consent() {
        return consent;
    }

    public EvaluationReport report() {
        return report;
    }

    public EntryDrafts drafts() {
        return drafts;
    }

    public EntryWorkflow workflow() {
        return workflow;
    }

    /** The no-penalty check ({@code POST /api/check}). */
    public CheckService checks() {
        return checks;
    }

    public QuestionLog questions() {
        return questions;
    }

    /** Groups unanswered questions for the staff view, remembering the last grouping. */
    public QuestionGaps gaps() {
        return gaps;
    }

    public StaffService staff() {
        return staff;
    }

    public FeedbackService feedback() {
        return feedback;
    }

    public ReminderService reminders() {
        return reminders;
    }

    /** Null when reminder delivery is off (no {@code WEBHOOK_URL}). */
    public DeliveryScheduler deliveries() {
        return deliveries;
    }

    /**
     * Starts the periodic reminder delivery and the retries of message-reply notices, if a channel is configured. Not
     * done by {@link #start}, so tools and tests stay quiet.
     */
    public synchronized void startDeliveries() {
        if (deliveries != null && noticeRetries == null) {
            deliveries.start(config.delivery().interval());
            noticeRetries = Periodic.start("message-notice-retries", config.delivery().interval(), messageDesk::retryNotices);
        }
    }

    /**
     * Loads and validates the knowledge base and builds the index.
     *
     * @throws gov.dadukou.guidance.knowledge.KnowledgeBaseException when the base is invalid
     * @throws gov.dadukou.guidance.store.StorageFaultException when the database cannot be read or written
     * @throws gov.dadukou.guidance.store.DatabaseLostException when the database held data and is now missing or empty
     */
    public static Assistant start(AppConfig config, Clock clock) {
        // Without an SMS gateway the codes go to the log, for development only (see docs/security-consent.md).
        AppConfig.Codes codes = config.codes();
        return start(config, clock, codes.webhookUrl() == null ? new LogCodeSender()
                : new gov.dadukou.guidance.consent.WebhookCodeSender(codes.webhookUrl(), codes.secret()));
    }

    /** As {@link #start(AppConfig, Clock)}, with the channel that sends one-time codes to phones (tests). */
    public static Assistant start(AppConfig config, Clock clock, CodeSender codeSender) {
        // The model loads beside the knowledge base, the database and the lexical index (see DenseModel).
        DenseModel model = config.dense()
                ? DenseModel.loadInBackground(config.embeddingCache()) : null;
        try {
            return new Assistant(config, clock, codeSender, model);
        } catch (RuntimeException | Error e) {
            if (model != null) {
                model.abandon(e);
            }
            throw e;
        }
    }

    public AppConfig config() {
        return config;
    }

    /** The clock every service was given: handlers that need "now" use it too, so tests can move time. */
    public Clock clock() {
        return clock;
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public EntryStore entries() {
        return entries;
    }

    /** An entry's first phrasing, which a did-you-mean reply offers for it; empty when it is not live. */
    public java.util.Optional<String> firstPhrasing(String entryId) {
        return entries().get(entryId).map(gov.dadukou.guidance.chat.ChatService::offer);
    }

    public Retriever retriever() {
        return retriever;
    }

    /** The public catalogue's search, with the chat's analysis over the same index. */
    public CatalogueSearch catalogueSearch() {
        return catalogueSearch;
    }

    public ChatService chat() {
        return chat;
    }

    /** The answer policy the chat decides with (the dense or the lexical fit, as configured). */
    public AnswerPolicy policy() {
        return policy;
    }

    /** How many entries answer right now. */
    public int indexedEntries() {
        return index.size();
    }

    /**
     * Releases everything in reverse order: the timers, the delivery scheduler, the question log (everything queued is
     * written), then the database and the index. The question log's last flush may fail when the storage does
     * (that failure propagates); the database, index and analyzers are closed all the same.
     */
    @Override
    public void close() {
        try {
            background.forEach(Periodic::close);
            synchronized (this) {
                if (noticeRetries != null) {
                    noticeRetries.close();
                }
            }
            if (deliveries != null) {
                deliveries.close();
            }
            questions.close(); // drains the queue: written before the database closes below
        } finally {
            if (sharedBuckets != null) {
                sharedBuckets.close();
            }
            database.close();
            index.close();
            analyzers.close();
        }
    }
}
