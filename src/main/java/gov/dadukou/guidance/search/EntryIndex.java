package gov.dadukou.guidance.search;

import gov.dadukou.guidance.knowledge.Entry;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Lucene index of the entries. One {@link IndexWriter} for the index's life; every change is an
 * upsert or delete by the {@code id} term followed by a blocking refresh, one change at a time (the changing methods
 * are synchronized: an entry's phrasing and answer documents are two writes, and another change's refresh between them
 * would show the one without the other), so a search sees an entry's old documents or its new ones, never half. Searches go through a {@link SearcherManager}
 * (acquire/release). Each entry is several documents: one per phrasing (and the title), fields
 * {@code q_w}/{@code q_b}, and one for the answer, {@code a_w}/{@code a_b}.
 *
 * <p>The two kinds of document are written to segments of their own. A field that every document of a segment has
 * keeps its norms by position; in a segment of both kinds each field lacks from some documents, and BM25 found every
 * hit's norm through a sparse index: a fifth of the Java time of a new question (issue #18, docs/benchmarks.md).
 * Scores are the same either way (the statistics are the whole index's) and each kind keeps its order, so ties
 * break alike. Thread-safe.
 */
public final class EntryIndex implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EntryIndex.class);
    static final String ID = "id";
    /** Which of the entry's phrasings (see {@link Vocabulary#phrasings()}) a question document holds. */
    static final String PHRASING = "phrasing";
    static final String QUESTION = "q";
    static final String ANSWER = "a";

    private final Analyzers analyzers;
    private final QueryRewriter rewriter;
    private final Directory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Per-entry token sets, for coverage; replaced whole on upsert. */
    private final Map<String, Vocabulary> vocabularies = new ConcurrentHashMap<>();
    /** In how many entries each token occurs; rebuilt after every change (a few ms for the whole base). */
    private volatile Map<String, Integer> documentFrequency = Map.of();

    /**
     * The words and bigrams an entry contains, normalized, and the documents its phrasings ask about losing
     * ({@link Subjects#lostDocuments}; read once here rather than for every question that mentions a loss).
     * The phrasings are normalized already ({@link EntryAnalysis#phrasings}).
     */
    record Vocabulary(Set<String> words, Set<String> bigrams, List<String> phrasings, List<Set<String>> phrasingBigrams,
                      boolean caseStudy, boolean overview, boolean generalOverview, List<String> lostDocuments) {
        Vocabulary(Set<String> words, Set<String> bigrams, List<String> phrasings, List<Set<String>> phrasingBigrams,
                   boolean caseStudy, boolean overview, boolean generalOverview) {
            this(words, bigrams, phrasings, phrasingBigrams, caseStudy, overview, generalOverview,
                    phrasings.stream().flatMap(p -> Subjects.lostDocuments(p).stream()).distinct().toList());
        }
    }

    /** Null when dense retrieval is off. */
    private final DenseIndex dense;
    private final EntryAnalysis analysis;

    /**
     * @param model the embedding model with its cache, possibly still loading (see {@link DenseModel}), or null for
     *              lexical retrieval only
     */
    public EntryIndex(Analyzers analyzers, QueryRewriter rewriter, DenseModel model) {
        this.analyzers = analyzers;
        this.rewriter = rewriter;
        this.analysis = new EntryAnalysis(analyzers, rewriter);
        this.dense = model == null ? null : new DenseIndex(model);
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzers.perField(List.of(QUESTION, ANSWER)));
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            this.writer = new IndexWriter(directory, config);
            this.writer.commit();
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the in-memory index", e);
        }
    }

    /**
     * Adds or replaces every given entry, then makes them visible to searches at once: their words, coverage
     * vocabularies and vectors together, so that an entry is never searchable by words but not by meaning.
     */
    public synchronized void upsertAll(Collection<Entry> entries) {
        List<Entry> batch = List.copyOf(entries);
        if (batch.isEmpty()) {
            return;
        }
        // A batch (a start-up, an import) is analysed on two threads, chunk by chunk so that only one chunk's token
        // lists are held at a time; this thread feeds the writer in the given order, and the vectors, which may wait
        // for a model still loading, are computed beside it last.
        ExecutorService beside = batch.size() > 1
                ? Executors.newSingleThreadExecutor(EntryIndex::besideThread) : null;
        try {
            Map<String, Vocabulary> built = new java.util.LinkedHashMap<>();
            List<Document> answers = new ArrayList<>();
            for (int from = 0; from < batch.size(); from += CHUNK) {
                List<Entry> chunk = batch.subList(from, Math.min(batch.size(), from + CHUNK));
                for (EntryAnalysis.Prepared prepared : prepare(chunk, beside)) {
                    // Deletes the entry's old answer document too; its new one follows in a segment of answers.
                    writer.updateDocuments(new Term(ID, prepared.id()), prepared.phrasingDocuments());
                    answers.add(prepared.answerDocument());
                    built.put(prepared.id(), prepared.vocabulary());
                }
                if (answers.size() >= DEFERRED_ANSWERS) {
                    addAnswers(answers);
                }
            }
            addAnswers(answers);
            makeVisible(built, beside);
        } catch (IOException e) {
            throw new UncheckedIOException("indexing failed", e);
        } finally {
            if (beside != null) {
                beside.shutdown();
            }
        }
    }

    /**
     * Indexes the live entries of a start into this empty index: from the snapshot {@code snapshots} holds for
     * exactly these entries, in this order, with these rules and this code, when there is one; otherwise as
     * {@link #upsertAll} does, and then saves a snapshot for the next start. Either way the index, vocabularies and
     * vectors are the same ({@code IndexSnapshotsTest}).
     *
     * @return whether the index came from a snapshot
     */
    public synchronized boolean load(Collection<Entry> entries, IndexSnapshots snapshots) {
        if (!vocabularies.isEmpty()) {
            throw new IllegalStateException("load() fills an empty index; use upsertAll()");
        }
        List<Entry> batch = List.copyOf(entries);
        if (!snapshots.enabled() || batch.isEmpty()) {
            upsertAll(batch);
            return false;
        }
        String key = snapshots.key(batch, rewriter);
        Optional<IndexSnapshots.Snapshot> saved = snapshots.read(key, batch.stream().map(Entry::id).toList());
        if (saved.isPresent() && restored(saved.get())) {
            return true;
        }
        upsertAll(batch);
        Map<String, Vocabulary> inOrder = new java.util.LinkedHashMap<>();
        batch.forEach(entry -> inOrder.put(entry.id(), vocabularies.get(entry.id())));
        snapshots.write(key, directory, inOrder);
        return false;
    }

    /** Adds a snapshot's segments as they are (no analysis); false, with the index still empty, if that failed. */
    private boolean restored(IndexSnapshots.Snapshot saved) {
        try (Directory files = saved.directory()) {
            writer.addIndexes(files);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the index snapshot cannot be added; rebuilding", e);
            try {
                writer.deleteAll(); // whatever part of it was added
            } catch (IOException reset) {
                throw new UncheckedIOException("cannot reset the index after a failed snapshot", reset);
            }
            return false;
        }
        try {
            makeVisible(saved.vocabularies(), null);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("indexing failed", e);
        }
    }

    /**
     * Computes the vectors of the entries whose documents the writer holds (beside, when there is such a thread: they
     * may wait for a model still loading), commits, and publishes documents, vocabularies and vectors together.
     */
    private void makeVisible(Map<String, Vocabulary> built, ExecutorService beside) throws IOException {
        if (dense != null) {
            Map<String, List<String>> texts = new java.util.LinkedHashMap<>();
            built.forEach((id, vocabulary) -> texts.put(id, vocabulary.phrasings()));
            Runnable vectors = () -> {
                dense.putAll(texts);
                dense.flush();
            };
            if (beside == null) {
                vectors.run();
            } else {
                DenseModel.joined(CompletableFuture.runAsync(vectors, beside));
            }
        }
        writer.commit();
        Map<String, Vocabulary> replaced = new HashMap<>();
        built.forEach((id, vocabulary) -> {
            Vocabulary old = vocabularies.put(id, vocabulary);
            if (old != null) {
                replaced.put(id, old);
            }
        });
        searchers.maybeRefreshBlocking();
        recountFrequencies(replaced, built);
    }

    /**
     * Answer documents held back while a batch's phrasings are written (their token lists are in memory until then):
     * the shipped base's in one segment, a base of tens of thousands in a few.
     */
    private static final int DEFERRED_ANSWERS = 2048;

    /** Ends the segment of phrasings, writes {@code answers} as a segment of their own, and empties the list. */
    private void addAnswers(List<Document> answers) throws IOException {
        if (answers.isEmpty()) {
            return;
        }
        writer.flush();
        writer.addDocuments(answers);
        writer.flush();
        answers.clear();
    }

    /** Entries analysed per round of a batch: enough to keep both threads busy, few enough to hold lightly. */
    private static final int CHUNK = 128;

    /** The chunk's entries prepared, in order: the first half beside (when there is a beside thread), the rest here. */
    private List<EntryAnalysis.Prepared> prepare(List<Entry> chunk, ExecutorService beside) {
        int split = beside == null ? 0 : chunk.size() / 2;
        CompletableFuture<List<EntryAnalysis.Prepared>> first = split == 0
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> chunk.subList(0, split).stream().map(analysis::prepare).toList(), beside);
        List<EntryAnalysis.Prepared> second = chunk.subList(split, chunk.size()).stream().map(analysis::prepare).toList();
        List<EntryAnalysis.Prepared> all = new ArrayList<>(DenseModel.joined(first));
        all.addAll(second);
        return all;
    }

    private static Thread besideThread(Runnable work) {
        Thread thread = new Thread(work, "index-beside");
        thread.setDaemon(true);
        return thread;
    }

    public void upsert(Entry entry) {
        upsertAll(List.of(entry));
    }

    /** Removes an entry (e.g. retired); it no longer answers once this returns. */
    public synchronized void delete(String entryId) {
        try {
            writer.deleteDocuments(new Term(ID, entryId));
            writer.commit();
            searchers.maybeRefreshBlocking();
            Vocabulary removed = vocabularies.remove(entryId);
            if (dense != null) {
                dense.remove(entryId);
            }
            if (removed != null) {
                recountFrequencies(Map.of(entryId, removed), Map.of());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("delete failed", e);
        }
    }

    /** Runs {@code work} with a searcher that is released afterwards, whatever happens. */
    <T> T withSearcher(Function<IndexSearcher, T> work) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot acquire a searcher", e);
        }
        try {
            return work.apply(searcher);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release a searcher", e);
            }
        }
    }

    /**
     * Applies the change of the entries' vocabularies to the document frequencies: a copy of the counts with only
     * those entries' tokens moved, published whole (a search reads the old counts or the new ones). Recounting
     * every entry instead took a large part of a publish at 2,500 entries.
     */
    private synchronized void recountFrequencies(Map<String, Vocabulary> before, Map<String, Vocabulary> after) {
        Map<String, Integer> df = new HashMap<>(documentFrequency);
        before.values().forEach(v -> count(df, v, -1));
        after.values().forEach(v -> count(df, v, 1));
        documentFrequency = java.util.Collections.unmodifiableMap(df);
    }

    private static void count(Map<String, Integer> df, Vocabulary v, int delta) {
        for (Set<String> tokens : List.of(v.words(), v.bigrams())) {
            for (String token : tokens) {
                df.merge(token, delta, (a, b) -> a + b == 0 ? null : a + b);
            }
        }
    }

    /**
     * How telling a token is: log((N + 1) / (df + 0.5)). A token no entry contains weighs the most,
     * so a question about something the base never mentions cannot look covered.
     */
    double idf(String token) {
        int n = vocabularies.size();
        return Math.log((n + 1.0) / (documentFrequency.getOrDefault(token, 0) + 0.5));
    }

    /** Whether any live entry contains the token. */
    boolean knownToken(String token) {
        return documentFrequency.containsKey(token);
    }

    Vocabulary vocabulary(String entryId) {
        return vocabularies.get(entryId);
    }

    Analyzers analyzers() {
        return analyzers;
    }

    QueryRewriter rewriter() {
        return rewriter;
    }

    List<String> contentWords(String text) {
        return analyzers.words(text).stream().filter(w -> !rewriter.isStopword(w)).toList();
    }

    /** Bigrams, without those made only of stop characters (吗呢, 什么). */
    List<String> contentBigrams(String text) {
        return analysis.contentBigrams(analyzers.bigrams(text));
    }

    public int size() {
        return vocabularies.size();
    }

    /** Null when dense retrieval is off. */
    DenseIndex dense() {
        return dense;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the index failed", e);
        }
    }
}
