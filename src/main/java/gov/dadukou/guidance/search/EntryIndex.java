package gov.dadukou.guidance.search;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.Kind;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Lucene index of the entries. One {@link IndexWriter} for the index's life; every change is an
 * upsert or delete by the {@code id} term followed by a blocking refresh, so a search sees an entry's
 * old documents or its new ones, never half. Searches go through a {@link SearcherManager}
 * (acquire/release). Each entry is several documents: one per phrasing (and the title), fields
 * {@code q_w}/{@code q_b}, and one for the answer, {@code a_w}/{@code a_b}. Thread-safe.
 */
public final class EntryIndex implements AutoCloseable {
    static final String ID = "id";
    static final String TYPE = "type";
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

    /** The words and bigrams an entry contains, normalized. */
    record Vocabulary(Set<String> words, Set<String> bigrams, List<String> phrasings, List<Set<String>> phrasingBigrams,
                      boolean caseStudy, boolean overview, boolean generalOverview) {
    }

    /** Null when dense retrieval is off. */
    private final DenseIndex dense;
    /** One instance of every token of the vocabularies; see {@link #shared}. */
    private final Map<String, String> tokenPool = new ConcurrentHashMap<>();

    /**
     * @param model the embedding model with its cache, possibly still loading (see {@link DenseModel}), or null for
     *              lexical retrieval only
     */
    public EntryIndex(Analyzers analyzers, QueryRewriter rewriter, DenseModel model) {
        this.analyzers = analyzers;
        this.rewriter = rewriter;
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
    public void upsertAll(Collection<Entry> entries) {
        List<Entry> batch = List.copyOf(entries);
        // The vocabularies and the vectors need no Lucene: for a batch (a start-up) they are computed on a thread
        // of their own while this one feeds the writer, and the vectors wait there for a model still loading.
        CompletableFuture<Map<String, Vocabulary>> beside = batch.size() > 1
                ? CompletableFuture.supplyAsync(() -> vocabulariesAndVectors(batch), EntryIndex::besideThread)
                : CompletableFuture.completedFuture(vocabulariesAndVectors(batch));
        try {
            for (Entry entry : batch) {
                writer.updateDocuments(new Term(ID, entry.id()), documents(entry));
            }
            Map<String, Vocabulary> built = DenseModel.joined(beside);
            writer.commit();
            Map<String, Vocabulary> replaced = new java.util.HashMap<>();
            built.forEach((id, vocabulary) -> {
                Vocabulary old = vocabularies.put(id, vocabulary);
                if (old != null) {
                    replaced.put(id, old);
                }
            });
            searchers.maybeRefreshBlocking();
            recountFrequencies(replaced, built);
        } catch (IOException e) {
            throw new UncheckedIOException("indexing failed", e);
        }
    }

    private Map<String, Vocabulary> vocabulariesAndVectors(List<Entry> batch) {
        Map<String, Vocabulary> built = new java.util.HashMap<>();
        for (Entry entry : batch) {
            built.put(entry.id(), vocabulary(entry));
        }
        if (dense != null) {
            Map<String, List<String>> texts = new java.util.LinkedHashMap<>();
            batch.forEach(entry -> texts.put(entry.id(), phrasings(entry)));
            dense.putAll(texts);
            dense.flush();
        }
        return built;
    }

    private static void besideThread(Runnable work) {
        Thread thread = new Thread(work, "index-beside");
        thread.setDaemon(true);
        thread.start();
    }

    public void upsert(Entry entry) {
        upsertAll(List.of(entry));
    }

    /** Removes an entry (e.g. retired); it no longer answers once this returns. */
    public void delete(String entryId) {
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
        Map<String, Integer> df = new java.util.HashMap<>(documentFrequency);
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
        return analyzers.bigrams(text).stream().filter(b -> !isStopBigram(b)).toList();
    }

    private boolean isStopBigram(String bigram) {
        if (rewriter.isStopword(bigram)) {
            return true;
        }
        if (bigram.length() != 2) {
            return false;
        }
        return rewriter.isStopword(bigram.substring(0, 1)) && rewriter.isStopword(bigram.substring(1));
    }

    public int size() {
        return vocabularies.size();
    }

    /** The entry's phrasings and title, normalized: what questions are matched against. */
    /** The texts embedded for {@code entry}: each phrasing and the title, normalized. */
    static List<String> phrasings(Entry entry) {
        List<String> phrasings = new ArrayList<>();
        entry.questions().forEach(q -> phrasings.add(TextNormalizer.normalize(q)));
        phrasings.add(TextNormalizer.normalize(entry.title()));
        return phrasings;
    }

    /** Null when dense retrieval is off. */
    DenseIndex dense() {
        return dense;
    }

    private List<Document> documents(Entry entry) {
        List<Document> docs = new ArrayList<>();
        List<String> phrasings = phrasings(entry);
        for (int i = 0; i < phrasings.size(); i++) {
            docs.add(document(entry.id(), QUESTION, phrasings.get(i), i));
        }
        docs.add(document(entry.id(), ANSWER, TextNormalizer.normalize(entry.title() + "。" + entry.answer()), -1));
        return docs;
    }

    private static Document document(String id, String type, String text, int phrasing) {
        Document doc = new Document();
        doc.add(new StringField(ID, id, Field.Store.NO));
        // Doc values, not stored fields: reading them for every hit is a lookup, not a decompression.
        doc.add(new SortedDocValuesField(ID, new BytesRef(id)));
        doc.add(new StringField(TYPE, type, Field.Store.NO));
        doc.add(new NumericDocValuesField(PHRASING, phrasing));
        doc.add(new TextField(type + Analyzers.WORDS, text, Field.Store.NO));
        doc.add(new TextField(type + Analyzers.BIGRAMS, text, Field.Store.NO));
        return doc;
    }

    private Vocabulary vocabulary(Entry entry) {
        StringBuilder all = new StringBuilder(entry.title()).append('。').append(entry.answer());
        entry.questions().forEach(q -> all.append('。').append(q));
        entry.legalBasis().forEach(b -> all.append('。').append(b.citation()));
        all.append('。').append(entry.department());
        String text = TextNormalizer.normalize(all.toString());
        List<String> phrasings = phrasings(entry);
        return new Vocabulary(shared(analyzers.words(text)), shared(analyzers.bigrams(text)), phrasings,
                phrasings.stream().map(p -> shared(contentBigrams(p))).toList(), entry.kind() == Kind.TYPICAL_CASE,
                !entry.related().isEmpty(), !entry.related().isEmpty() && namedBusinesses(phrasings) >= GENERAL_OVERVIEW);
    }

    /** An overview whose phrasings name this many kinds of business or more is for any business, not for one. */
    static final int GENERAL_OVERVIEW = 5;

    private static long namedBusinesses(List<String> phrasings) {
        return phrasings.stream().map(QuestionReader::business).filter(java.util.Objects::nonNull).distinct().count();
    }

    /**
     * The tokens as a set of shared instances: the entries' vocabularies hold the same few ten thousand words and
     * bigrams over and over, and one String per occurrence took most of the heap at 25,000 entries (14 million
     * strings, 780 MB). The pool only grows with tokens never seen before, so it stays the size of the vocabulary.
     */
    private Set<String> shared(List<String> tokens) {
        return Set.copyOf(tokens.stream().map(t -> tokenPool.computeIfAbsent(t, k -> k)).toList());
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

    /**
     * The entry a search hit belongs to and which of its documents matched.
     *
     * @param phrasing the phrasing's position, -1 for the title-and-answer document, null when not recorded
     */
    record Hit(String entryId, Integer phrasing) {
    }

    /**
     * Reads the hits' entry ids and phrasings from doc values; an element is null when its document
     * carries no entry id. Shared by the chat's retrieval and the catalogue search, so both read the
     * index the same way. The documents are visited in index order with one doc-values reader per
     * segment, and each entry id is decoded once: a question reads a hundred hits or so, and opening the
     * doc values and decompressing an id per hit was a sixth of a question's Java time (issue #18).
     *
     * @return one hit per score doc, in the order of {@code scoreDocs}
     */
    static Hit[] hits(IndexSearcher searcher, ScoreDoc[] scoreDocs) throws IOException {
        Hit[] out = new Hit[scoreDocs.length];
        Integer[] byDoc = new Integer[scoreDocs.length];
        for (int k = 0; k < byDoc.length; k++) {
            byDoc[k] = k;
        }
        Arrays.sort(byDoc, Comparator.comparingInt(k -> scoreDocs[k].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        SortedDocValues ids = null;
        NumericDocValues phrasings = null;
        Map<Integer, String> idByOrd = new HashMap<>();
        for (int k : byDoc) {
            int globalDoc = scoreDocs[k].doc;
            if (leaf == null || globalDoc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(globalDoc, leaves));
                ids = leaf.reader().getSortedDocValues(ID);
                phrasings = leaf.reader().getNumericDocValues(PHRASING);
                idByOrd.clear();
            }
            int doc = globalDoc - leaf.docBase;
            if (ids == null || !ids.advanceExact(doc)) {
                continue;
            }
            Integer phrasing = phrasings != null && phrasings.advanceExact(doc) ? (int) phrasings.longValue() : null;
            int ord = ids.ordValue();
            String id = idByOrd.get(ord);
            if (id == null) {
                id = ids.lookupOrd(ord).utf8ToString();
                idByOrd.put(ord, id);
            }
            out[k] = new Hit(id, phrasing);
        }
        return out;
    }
}
