package gov.dadukou.guidance.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the entries that best answer a question: normalizes and rewrites it, runs BM25 over the
 * phrasing documents and the answer documents (smartcn words and character bigrams), fuses the two per
 * entry and measures how much of the question each candidate covers. Thread-safe.
 */
public final class Retriever {
    /** Tuning knobs; see docs/retrieval.md for how they were chosen. */
    public record Weights(float words, float bigrams, float answer, float context, float casePrior, float dense,
                          float denseFloor, int candidates, float narrative, float overviewPrior) {
        public static Weights defaults() {
            return new Weights(1.0f, 0.6f, 0.35f, 0.35f, 0.8f, 3.0f, 0.5f, 10, 1.0f, 0.5f);
        }

        /** For ablation runs only: {@code -Dretriever.weights=words,bigrams,answer,context,casePrior,dense,denseFloor[,narrative]}. */
        public static Weights fromSystemProperty() {
            String spec = System.getProperty("retriever.weights");
            if (spec == null) {
                return defaults();
            }
            String[] p = spec.split(",");
            if (p.length != 7 && p.length != 8) {
                throw new IllegalArgumentException("retriever.weights needs 7 or 8 numbers: " + spec);
            }
            float[] f = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                f[i] = Float.parseFloat(p[i].strip());
            }
            return new Weights(f[0], f[1], f[2], f[3], f[4], f[5], f[6], defaults().candidates(),
                    p.length == 8 ? f[7] : defaults().narrative(), defaults().overviewPrior());
        }
    }

    private static final java.util.regex.Pattern CASE_WORDS = java.util.regex.Pattern.compile("案例|例子|案子|实例|以案");
    /**
     * What an overview ("开一家X要办哪些证") answers: getting started, licences, procedures. A question that asks
     * something else in the setting of a business ("我开了个小超市，油烟要怎么处理") is about that other thing.
     */
    private static final java.util.regex.Pattern OVERVIEW_WORDS =
            java.util.regex.Pattern.compile("手续|证|执照|许可|流程|步骤|准备|注意|哪些部门|登记|备案|开业|开办|怎么开|要办|需要办|办什么|办啥"
                    + "|开(个|家|间|一家|一个|一间)?[^，,。了]{0,4}(店|馆|厂|公司|超市|摊|民宿)");
    /** One named certificate ("要办健康证吗"): the entry about that certificate answers it, not an overview. */
    private static final java.util.regex.Pattern ONE_CERTIFICATE =
            java.util.regex.Pattern.compile("健康证|卫生许可|食品经营许可|食品许可|烟草|排污");

    /** Hits read per query: enough to collapse into the candidates, few enough to stay cheap. */
    private static final int MAX_HITS = 60;

    private final EntryIndex index;
    private final Weights weights;

    public Retriever(EntryIndex index, Weights weights) {
        this.index = index;
        this.weights = weights;
    }

    public SearchResult search(String question) {
        return search(question, null);
    }

    /**
     * @param question the business's question, raw
     * @param context  the previous turn's question, searched with a lower weight; may be null
     */
    public SearchResult search(String question, String context) {
        return search(question, context, unranked -> false);
    }

    /**
     * Like {@link #search(String, String)}, but first asks {@code refusedOnReading} whether the question is
     * refused whatever its candidates would be; if so, it returns at once with no candidates, before the
     * index and the dense model (a model run is most of a new question's cost). The predicate sees a
     * result with the question's text, content words, reading and known share (the same as the full
     * search would return) and no hits.
     */
    public SearchResult search(String question, String context, java.util.function.Predicate<SearchResult> refusedOnReading) {
        String text = index.rewriter().rewrite(TextNormalizer.normalize(question));
        QuestionReader.Reading reading = QuestionReader.read(text);
        // Each token of the question weighs 1 where it asks and less where it only tells the story.
        Map<String, Double> own = new LinkedHashMap<>();
        Map<String, Double> ownBigrams = new LinkedHashMap<>();
        List<String> askWords = index.contentWords(reading.ask());
        List<String> askBigrams = index.contentBigrams(reading.ask());
        float story = reading.hasNarrative() ? weights.narrative() : 1f;
        index.contentWords(reading.text()).forEach(w -> own.put(w, (double) story));
        index.contentBigrams(reading.text()).forEach(b -> ownBigrams.put(b, (double) story));
        askWords.forEach(w -> own.put(w, 1.0));
        askBigrams.forEach(b -> ownBigrams.put(b, 1.0));
        Map<String, Double> ownWords = own;
        Map<String, Double> words = own;
        Map<String, Double> bigrams = ownBigrams;
        String contextText = context == null ? null : index.rewriter().rewrite(TextNormalizer.normalize(context));

        BooleanQuery.Builder q = new BooleanQuery.Builder();
        BooleanQuery.Builder a = new BooleanQuery.Builder();
        addTerms(q, a, own, ownBigrams, 1f);
        if (contextText != null) {
            String contextClean = QuestionReader.read(contextText).text();
            Map<String, Double> contextWords = new LinkedHashMap<>();
            Map<String, Double> contextBigrams = new LinkedHashMap<>();
            index.contentWords(contextClean).forEach(w -> contextWords.put(w, 1.0));
            index.contentBigrams(contextClean).forEach(b -> contextBigrams.put(b, 1.0));
            addTerms(q, a, contextWords, contextBigrams, weights.context());
            // A follow-up ("那不挂会怎么样") is judged together with the turn it follows.
            words = merged(words, contextWords);
            bigrams = merged(bigrams, contextBigrams);
        }
        SearchResult unranked = new SearchResult(text, List.copyOf(ownWords.keySet()), List.of(), reading,
                knownShare(bigrams.keySet()));
        if (refusedOnReading.test(unranked)) {
            return unranked;
        }

        Map<String, double[]> scores = new HashMap<>();
        Map<String, Integer> bestPhrasing = new HashMap<>();
        index.withSearcher(searcher -> {
            // The fields are named by document type (q…, a…), so each query only matches its own type's documents.
            collect(searcher, q.build(), scores, bestPhrasing, 0);
            collect(searcher, a.build(), scores, null, 1);
            return null;
        });

        boolean asksForCases = CASE_WORDS.matcher(text).find();
        boolean asksForOverview = OVERVIEW_WORDS.matcher(reading.ask()).find() && !ONE_CERTIFICATE.matcher(reading.ask()).find();
        Subjects subjects = new Subjects(reading, contextText, text);
        DenseIndex.Similarities similarity = denseSimilarities(text, contextText);
        double maxLexical = scores.values().stream().mapToDouble(v -> v[0] + weights.answer() * v[1]).max().orElse(0);
        Set<String> candidates = new HashSet<>(scores.keySet());
        if (similarity != null) {
            candidates.addAll(similarity.top(weights.candidates()));
        }
        record Scored(String id, double score, double qs, double as, double sim, EntryIndex.Vocabulary vocabulary) {
        }
        List<Scored> ranked = new ArrayList<>();
        for (String id : candidates) {
            EntryIndex.Vocabulary vocabulary = index.vocabulary(id);
            if (vocabulary == null) {
                continue; // deleted between search and scoring
            }
            double[] lexical = scores.getOrDefault(id, new double[2]);
            double qs = lexical[0];
            double as = lexical[1];
            // Lexical scores are scaled by the best of this question, so that the two signals can be added.
            double score = maxLexical <= 0 ? 0 : (qs + weights.answer() * as) / maxLexical;
            double sim = similarity == null ? 0 : similarity.of(id);
            score += weights.dense() * Math.max(0, sim - weights.denseFloor()) / (1 - weights.denseFloor());
            if (vocabulary.caseStudy() && !asksForCases) {
                score *= weights.casePrior(); // the rule itself answers a plain question better than a case about it
            }
            if (vocabulary.overview() && !asksForOverview) {
                score *= weights.overviewPrior(); // the business is the setting of the question, not what it asks
            }
            ranked.add(new Scored(id, score, qs, as, sim, vocabulary));
        }
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
        // Coverage and similarity only for the candidates that can be shown: they are the costly part.
        Set<String> questionBigrams = bigrams.keySet();
        Map<String, Double> ask = new LinkedHashMap<>();
        askWords.forEach(w -> ask.put(w, 1.0));
        List<SearchHit> hits = new ArrayList<>();
        for (Scored c : ranked.subList(0, Math.min(weights.candidates(), ranked.size()))) {
            Integer p = bestPhrasing.get(c.id());
            boolean known = p != null && p >= 0 && p < c.vocabulary().phrasings().size();
            String phrasing = known ? c.vocabulary().phrasings().get(p) : "";
            Set<String> phrasingBigrams = known ? c.vocabulary().phrasingBigrams().get(p) : Set.of();
            double wordCoverage = coverage(words, c.vocabulary().words());
            hits.add(new SearchHit(c.id(), c.score(), c.qs(), c.as(), phrasing,
                    wordCoverage, coverage(bigrams, c.vocabulary().bigrams()),
                    dice(questionBigrams, phrasingBigrams), c.sim(),
                    ownWords == words ? wordCoverage : coverage(ownWords, c.vocabulary().words()),
                    coverage(ask, c.vocabulary().words()), c.vocabulary().caseStudy() && !asksForCases,
                    subjects.otherThan(c.vocabulary())));
        }
        return new SearchResult(text, unranked.contentWords(), hits, reading, unranked.knownShare());
    }

    private void addTerms(BooleanQuery.Builder q, BooleanQuery.Builder a, Map<String, Double> words,
                          Map<String, Double> bigrams, float boost) {
        words.forEach((w, weight) -> {
            float b = (float) (boost * weight * weights.words());
            q.add(boosted(new TermQuery(new Term(EntryIndex.QUESTION + Analyzers.WORDS, w)), b), BooleanClause.Occur.SHOULD);
            a.add(boosted(new TermQuery(new Term(EntryIndex.ANSWER + Analyzers.WORDS, w)), b), BooleanClause.Occur.SHOULD);
        });
        bigrams.forEach((g, weight) -> {
            float b = (float) (boost * weight * weights.bigrams());
            q.add(boosted(new TermQuery(new Term(EntryIndex.QUESTION + Analyzers.BIGRAMS, g)), b), BooleanClause.Occur.SHOULD);
            a.add(boosted(new TermQuery(new Term(EntryIndex.ANSWER + Analyzers.BIGRAMS, g)), b), BooleanClause.Occur.SHOULD);
        });
    }

    /**
     * The share of the question's bigrams that occur anywhere in the base: natural questions about the
     * base's subjects share most of their bigrams with it, a diary some, random characters almost none.
     */
    private double knownShare(Set<String> bigrams) {
        if (bigrams.isEmpty()) {
            return 0;
        }
        return (double) bigrams.stream().filter(index::knownToken).count() / bigrams.size();
    }

    /**
     * The embedding the chat computes for {@code question} (normalised and rewritten as a search does it,
     * so a question the chat has embedded recently is not embedded again); null when dense retrieval is off.
     */
    public float[] questionVector(String question) {
        DenseIndex dense = index.dense();
        return dense == null ? null : dense.embedQuestion(index.rewriter().rewrite(TextNormalizer.normalize(question)));
    }

    /** The mean of the entries' embedding centroids (what all questions share); null when dense retrieval is off. */
    public float[] commonDirection() {
        DenseIndex dense = index.dense();
        return dense == null ? null : dense.meanCentroid();
    }

    /** Null when dense retrieval is off. A follow-up is embedded together with the turn it follows. */
    private DenseIndex.Similarities denseSimilarities(String text, String contextText) {
        DenseIndex dense = index.dense();
        if (dense == null) {
            return null;
        }
        return dense.similarities(dense.embedQuestion(contextText == null ? text : contextText + " " + text));
    }

    private static Query boosted(Query query, float boost) {
        return boost == 1f ? query : new BoostQuery(query, boost);
    }

    private static void collect(IndexSearcher searcher, Query query, Map<String, double[]> scores,
                                Map<String, Integer> bestPhrasing, int slot) {
        try {
            TopDocs top = searcher.search(query, MAX_HITS);
            IndexHits.Hit[] hits = IndexHits.read(searcher, top.scoreDocs);
            for (int h = 0; h < hits.length; h++) {
                ScoreDoc sd = top.scoreDocs[h];
                IndexHits.Hit hit = hits[h];
                if (hit == null) {
                    continue;
                }
                double[] s = scores.computeIfAbsent(hit.entryId(), k -> new double[2]);
                if (sd.score > s[slot]) {
                    s[slot] = sd.score;
                    if (bestPhrasing != null && hit.phrasing() != null) {
                        bestPhrasing.put(hit.entryId(), hit.phrasing());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    private static Map<String, Double> merged(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> all = new LinkedHashMap<>(a);
        b.forEach((k, v) -> all.merge(k, v, Math::max));
        return all;
    }

    /** The IDF- and clause-weighted share of the tokens that the entry contains. */
    private double coverage(Map<String, Double> tokens, Set<String> vocabulary) {
        double total = 0;
        double covered = 0;
        for (Map.Entry<String, Double> token : tokens.entrySet()) {
            double w = index.idf(token.getKey()) * token.getValue();
            total += w;
            if (vocabulary.contains(token.getKey())) {
                covered += w;
            }
        }
        return total == 0 ? 0 : covered / total;
    }

    private static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long common = a.stream().filter(b::contains).count();
        return 2.0 * common / (a.size() + b.size());
    }
}
