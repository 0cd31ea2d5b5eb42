package gov.dadukou.guidance.search;

import gov.dadukou.guidance.knowledge.Entry;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches the public catalogue with the chat's own analysis: the same normalisation (NFKC, traditional to
 * simplified, lower case), the same typo and colloquial rewrites ({@code synonyms.txt}), the same smartcn
 * words and character bigrams over the same index of phrasings and answers. Unlike {@link Retriever}, it
 * returns every entry that matches well enough, best first, rather than a few candidates for one answer;
 * a word typed with a wrong character still shares bigrams with the right one, so it is found too.
 * Words that occur literally in an entry's title, legal basis, topics or kind always match (what the
 * catalogue searched before), so searching for a law's name finds every entry based on it.
 * Only entries in the index (the live, published ones) can be found. Thread-safe (the index is; the cache of normalised titles is a concurrent map).
 */
public final class CatalogueSearch {
    /** An entry found for a query, with its relevance (higher is better; comparable within one query only). */
    public record Ranked(String entryId, double score) {
    }

    /** The search's outcome: what was searched after normalisation and rewriting, and the entries found. */
    public record Result(String searched, List<Ranked> ranked) {
        public Result {
            ranked = List.copyOf(ranked);
        }
    }

    /**
     * The share of the query's words and bigrams (weighted by how telling they are) an entry must contain.
     * Half lets one wrong character in a three-character word through (two of its bigrams still match) and
     * keeps out entries that share only a common word with a longer query.
     */
    static final double MIN_COVERAGE = 0.5;
    /**
     * An entry found by its words alone must score at least this share of the best one: a frequent word of
     * the query ("证" in 健康证) lets many entries reach the coverage that rank far below the ones meant.
     */
    static final double RELATIVE_FLOOR = 0.25;
    /** Extra score for an entry whose title, legal basis or topics contain every word literally. */
    private static final double LITERAL_BONUS = 0.5;
    /** Documents read per query: all of them: the base has a few thousand phrasing documents. */
    private static final int MAX_DOCS = 10_000;

    private final EntryIndex index;
    private final Retriever.Weights weights = Retriever.Weights.defaults();
    /**
     * Each entry's normalised title, legal basis, topics and kind, kept with the entry it was made from, so
     * that a search does not normalise the whole base again (half its time otherwise); a republished entry
     * is a new object and is normalised anew. At most one text per entry id.
     */
    private final Map<String, Literal> literals = new java.util.concurrent.ConcurrentHashMap<>();

    private record Literal(Entry entry, String text) {
    }

    public CatalogueSearch(EntryIndex index) {
        this.index = index;
    }

    /**
     * @param query   what a visitor typed, raw (any script, width, typos)
     * @param entries the live entries, for the literal match on title, legal basis, topics and kind
     */
    public Result search(String query, Collection<Entry> entries) {
        String searched = index.rewriter().rewrite(TextNormalizer.normalize(query)).strip();
        List<String> words = index.contentWords(searched);
        List<String> bigrams = index.contentBigrams(searched);

        Map<String, double[]> lexical = mostlyKnown(bigrams) ? lexicalScores(words, bigrams) : Map.of();
        double max = lexical.values().stream().mapToDouble(s -> s[0] + weights.answer() * s[1]).max().orElse(0);
        Map<String, Double> scores = new HashMap<>();
        lexical.forEach((id, s) -> {
            EntryIndex.Vocabulary vocabulary = index.vocabulary(id);
            if (vocabulary == null) {
                return; // retired between search and scoring
            }
            // Either view may carry the match: words for a whole term, bigrams for a term typed with one wrong character.
            double coverage = Math.max(coverage(words, vocabulary.words()), coverage(bigrams, vocabulary.bigrams()));
            if (coverage >= MIN_COVERAGE) {
                scores.put(id, coverage * (s[0] + weights.answer() * s[1]) / max);
            }
        });
        double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        scores.values().removeIf(score -> score < RELATIVE_FLOOR * best);
        String[] literal = literalWords(query);
        if (literal.length > 0) {
            for (Entry e : entries) {
                if (index.vocabulary(e.id()) != null && containsAll(literalText(e), literal)) {
                    scores.merge(e.id(), LITERAL_BONUS, Double::sum);
                }
            }
        }
        List<Ranked> ranked = new ArrayList<>();
        scores.forEach((id, score) -> ranked.add(new Ranked(id, score)));
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::entryId));
        return new Result(searched, ranked);
    }

    /** Per entry: the best BM25 score among its phrasings and title, and its answer's score. */
    private Map<String, double[]> lexicalScores(List<String> words, List<String> bigrams) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String w : words) {
            for (String field : List.of(EntryIndex.QUESTION, EntryIndex.ANSWER)) {
                q.add(boosted(new TermQuery(new Term(field + Analyzers.WORDS, w)), weights.words()), BooleanClause.Occur.SHOULD);
            }
        }
        for (String b : bigrams) {
            for (String field : List.of(EntryIndex.QUESTION, EntryIndex.ANSWER)) {
                q.add(boosted(new TermQuery(new Term(field + Analyzers.BIGRAMS, b)), weights.bigrams()), BooleanClause.Occur.SHOULD);
            }
        }
        Query query = q.build();
        return index.withSearcher(searcher -> collect(searcher, query));
    }

    private static Map<String, double[]> collect(IndexSearcher searcher, Query query) {
        Map<String, double[]> scores = new HashMap<>();
        try {
            TopDocs top = searcher.search(query, MAX_DOCS);
            IndexHits.Hit[] hits = IndexHits.read(searcher, top.scoreDocs);
            for (int h = 0; h < hits.length; h++) {
                ScoreDoc sd = top.scoreDocs[h];
                IndexHits.Hit hit = hits[h];
                if (hit == null || hit.phrasing() == null) {
                    continue;
                }
                // Answer documents carry phrasing -1 (see EntryIndex.documents).
                int slot = hit.phrasing() < 0 ? 1 : 0;
                double[] s = scores.computeIfAbsent(hit.entryId(), k -> new double[2]);
                s[slot] = Math.max(s[slot], sd.score);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("catalogue search failed", e);
        }
        return scores;
    }

    /**
     * Whether at least half of the query's bigrams occur somewhere in the base. Coverage ignores the unknown
     * ones (a typo's), so a query mostly about something the base never mentions ("量子计算机") would
     * otherwise be matched by its one ordinary bigram ("计算").
     */
    private boolean mostlyKnown(List<String> bigrams) {
        return !bigrams.isEmpty() && bigrams.stream().filter(index::knownToken).count() * 2 >= bigrams.size();
    }

    /**
     * The IDF-weighted share of the query's tokens that occur anywhere in the entry, counting only tokens
     * that some entry contains: the bigrams a mistyped character makes ("执招") occur nowhere, and would
     * otherwise outweigh the right ones ("营业", "业执") that still point to the entry.
     */
    private double coverage(List<String> tokens, java.util.Set<String> vocabulary) {
        double total = 0;
        double covered = 0;
        for (String token : new java.util.LinkedHashSet<>(tokens)) {
            if (!index.knownToken(token)) {
                continue;
            }
            double w = index.idf(token);
            total += w;
            if (vocabulary.contains(token)) {
                covered += w;
            }
        }
        return total == 0 ? 0 : covered / total;
    }

    private static String[] literalWords(String query) {
        String normalized = TextNormalizer.normalize(query).strip();
        return normalized.isEmpty() ? new String[0] : normalized.split("\\s+");
    }

    private String literalText(Entry e) {
        Literal cached = literals.get(e.id());
        if (cached == null || cached.entry() != e) {
            cached = new Literal(e, haystack(e));
            literals.put(e.id(), cached);
        }
        return cached.text();
    }

    private static String haystack(Entry e) {
        return TextNormalizer.normalize(e.title() + " " + e.legalBasisText() + " " + String.join(" ", e.topics()) + " "
                + e.kind().label());
    }

    private static boolean containsAll(String haystack, String[] words) {
        for (String w : words) {
            if (!haystack.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static Query boosted(Query query, float boost) {
        return boost == 1f ? query : new BoostQuery(query, boost);
    }
}
