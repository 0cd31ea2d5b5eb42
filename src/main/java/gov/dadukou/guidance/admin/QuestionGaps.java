package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.chat.QuestionLog;
import gov.dadukou.guidance.search.TextNormalizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Groups the questions that got no answer or only a "did you mean" by similarity, so that staff see the
 * gaps that matter, largest first.
 *
 * <p>Similarity is as it always was: the Jaccard similarity of two questions' character bigrams (after
 * {@link TextNormalizer}, without punctuation, symbols and spaces), and a question joins the group whose
 * first question it is most similar to when that is at least {@link #THRESHOLD}, else starts a group.
 * With a {@link Meaning} (the assistant's question embeddings), the largest groups are then joined when
 * they mean the same thing in other words ({@link MeaningGroups}).
 * Questions are taken newest first, so a group's representative is its newest question. (Counting every
 * run of digits as one was tried: on a synthetic log it merged unrelated questions that both named an
 * amount more than it joined the same question with other amounts, so digits count as they are.)
 *
 * <p>Cost. Comparing each question with every group was quadratic (2,000 long questions cost 85 s of
 * CPU). Now a {@link NearDuplicateIndex} (MinHash and LSH) proposes the few groups worth comparing, and
 * the work of one grouping is bounded whatever the input:
 * <ul>
 * <li>only the {@link #MAX_QUESTIONS} newest questions are grouped (callers pass rows newest first);</li>
 * <li>only {@link #MAX_CHARS} characters of a longer question are read for similarity, the first and
 * last half (the texts shown are whole);</li>
 * <li>a question is compared exactly with at most {@link #MAX_COMPARED} groups, found by visiting at most
 * {@link #PER_BUCKET} groups in each LSH band;</li>
 * <li>at most {@link #MAX_TOP} groups are returned.</li>
 * </ul>
 * So a grouping costs {@code O(MAX_QUESTIONS × MAX_CHARS × hashes)} at worst; see docs/benchmarks.md.
 * LSH may miss a pair near the threshold (about 1 in 400 at exactly 0.3, 1 in 4,000 at 0.35): such a
 * question starts its own group, as it would have under a stricter threshold.
 *
 * <p>An instance remembers its last grouping and returns it again while the rows examined are the same
 * (same ids and texts, in the same order): staff reloading the view do not regroup an unchanged log.
 * Thread-safe: one grouping runs at a time per instance, so concurrent staff requests queue behind one
 * computation (and then find it cached) instead of each burning a core. The static {@link #group} is
 * pure and uncached.
 */
public final class QuestionGaps {
    static final double THRESHOLD = 0.3;
    /** The newest questions grouped per request; callers may read at most this many rows. */
    public static final int MAX_QUESTIONS = 20_000;
    /** Characters of a question read for similarity, half from its start and half from its end. */
    static final int MAX_CHARS = 200;
    /** Groups compared exactly with each question, the likeliest first. */
    static final int MAX_COMPARED = 32;
    /** Groups visited per LSH band and question. */
    static final int PER_BUCKET = 16;
    /**
     * Candidates whose MinHash estimate is below this are not compared exactly: a group at the threshold
     * (J = 0.3) estimates this low with probability about 1 in 10,000 (3.7 standard deviations).
     */
    static final double ESTIMATE_FLOOR = 0.15;
    /** Groups returned at most, whatever {@code top} asks. */
    static final int MAX_TOP = 100;
    /** Example questions shown per gap (and offered as phrasings of a draft made from it). */
    static final int EXAMPLES = 8;
    /** Example questions a draft may be made with (more than shown, fewer than a draft's phrasing limit). */
    public static final int MAX_DRAFT_EXAMPLES = 19;
    private static final Pattern NOT_WORDS = Pattern.compile("[\\p{P}\\p{S}\\s]+");

    /**
     * What questions mean, from the embeddings the assistant computes for them ({@link MeaningGroups}).
     * Implementations must be thread-safe.
     */
    public interface Meaning {
        /** The unit vector of a question, or null when it has none. */
        float[] vector(String question);

        /** The direction every question shares (subtracted before comparing), or null: then no merging by meaning. */
        float[] common();

        /** From two functions, e.g. the retriever's {@code questionVector} and {@code commonDirection}. */
        static Meaning of(java.util.function.Function<String, float[]> vector, java.util.function.Supplier<float[]> common) {
            return new Meaning() {
                @Override
                public float[] vector(String question) {
                    return vector.apply(question);
                }

                @Override
                public float[] common() {
                    return common.get();
                }
            };
        }
    }

    /** A group of similar unanswered questions. */
    public record Gap(String representative, int count, List<String> examples, List<String> outcomes) {
    }

    /**
     * One grouping: how many questions it examined (at most {@link #MAX_QUESTIONS}), how many exact
     * similarity comparisons it made, and the largest groups, at most {@link #MAX_TOP}.
     */
    public record Report(int examined, long comparisons, List<Gap> gaps) {
        /** The first {@code top} gaps (all if fewer). */
        public List<Gap> top(int top) {
            return gaps.subList(0, Math.min(Math.max(top, 0), gaps.size()));
        }
    }

    /** What identifies the rows a grouping was made from; texts by hash (the log is append-only). */
    private record Fingerprint(long[] ids, int[] textHashes) {
        static Fingerprint of(List<QuestionLog.Row> rows) {
            return new Fingerprint(rows.stream().mapToLong(QuestionLog.Row::id).toArray(),
                    rows.stream().mapToInt(r -> r.question().hashCode() * 31 + r.outcome().hashCode()).toArray());
        }

        boolean sameAs(Fingerprint other) {
            return other != null && Arrays.equals(ids, other.ids) && Arrays.equals(textHashes, other.textHashes);
        }
    }

    private final Meaning meaning; // null: bigrams only
    private final Object lock = new Object();
    private Fingerprint lastRows; // guarded by lock
    private Report lastReport; // guarded by lock
    private int computations; // guarded by lock

    /** Groups by characters only (the assistant without dense retrieval). */
    public QuestionGaps() {
        this(null);
    }

    /** Groups by characters, then joins groups of the same meaning ({@link MeaningGroups}); null: characters only. */
    public QuestionGaps(Meaning meaning) {
        this.meaning = meaning;
    }

    /**
     * The gaps among {@code rows} (newest first), remembered: the same examined rows again return the same
     * report without regrouping. Blocks while another thread groups on this instance.
     *
     * @throws NullPointerException if {@code rows} or a row's question or outcome is null
     */
    public Report report(List<QuestionLog.Row> rows) {
        List<QuestionLog.Row> examined = newest(rows);
        Fingerprint fingerprint = Fingerprint.of(examined);
        synchronized (lock) {
            if (!fingerprint.sameAs(lastRows)) {
                lastReport = compute(examined, meaning);
                lastRows = fingerprint;
                computations++;
            }
            return lastReport;
        }
    }

    /** How many groupings this instance has computed (not served from memory); for tests. */
    int computations() {
        synchronized (lock) {
            return computations;
        }
    }

    /**
     * The {@code top} largest gaps among {@code rows} (newest first), at most {@link #MAX_TOP}; pure and
     * uncached, with the same bounds as {@link #report}.
     */
    public static List<Gap> group(List<QuestionLog.Row> rows, int top) {
        return compute(newest(rows), null).top(top);
    }

    private static List<QuestionLog.Row> newest(List<QuestionLog.Row> rows) {
        return rows.size() > MAX_QUESTIONS ? rows.subList(0, MAX_QUESTIONS) : rows;
    }

    private static Report compute(List<QuestionLog.Row> rows, Meaning meaning) {
        int n = rows.size();
        int[][] sets = rows.stream().map(r -> shingles(r.question())).toArray(int[][]::new);
        NearDuplicateIndex index = new NearDuplicateIndex(sets);
        int[] groupOf = new int[n]; // for a group's first question (an indexed item): its group
        List<List<Integer>> groups = new ArrayList<>();
        int[] candidates = new int[MAX_COMPARED];
        long comparisons = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestScore = 0;
            int found = sets[i].length == 0 ? 0 : index.candidates(i, PER_BUCKET, candidates);
            for (int k = 0; k < found; k++) {
                int first = candidates[k];
                int small = Math.min(sets[i].length, sets[first].length);
                int large = Math.max(sets[i].length, sets[first].length);
                if (small < Math.max(THRESHOLD, bestScore) * large || index.estimate(i, first) < ESTIMATE_FLOOR) {
                    // J ≤ small / large: it can neither qualify nor beat the best so far. Or the estimate
                    // says J is far below the threshold: most candidates share one band by chance.
                    continue;
                }
                double score = jaccard(sets[i], sets[first], Math.max(THRESHOLD, bestScore));
                comparisons++;
                // Ties go to the older group, as when every group was compared in order.
                if (score > bestScore || (score == bestScore && score > 0 && first < best)) {
                    bestScore = score;
                    best = first;
                }
            }
            if (best >= 0 && bestScore >= THRESHOLD) {
                groups.get(groupOf[best]).add(i);
            } else {
                groupOf[i] = groups.size();
                groups.add(new ArrayList<>(List.of(i)));
                if (sets[i].length > 0) { // nothing is similar to an empty set: never a candidate
                    index.add(i);
                }
            }
        }
        List<List<Integer>> sorted = groups.stream()
                .sorted(Comparator.comparingInt((List<Integer> g) -> g.size()).reversed()) // stable: older first
                .toList();
        if (meaning != null) {
            sorted = MeaningGroups.merge(sorted, i -> rows.get(i).question(), meaning);
        }
        List<Gap> gaps = sorted.stream()
                .limit(MAX_TOP)
                .map(g -> new Gap(rows.get(g.get(0)).question(), g.size(),
                        g.stream().map(i -> rows.get(i).question()).distinct().limit(EXAMPLES).toList(),
                        g.stream().map(i -> rows.get(i).outcome()).distinct().toList()))
                .toList();
        return new Report(n, comparisons, gaps);
    }

    /**
     * A question's character bigrams, each as two UTF-16 units in one int, sorted and distinct; a
     * one-character question is its character alone; empty if nothing is left after normalising. Of a
     * question longer than {@link #MAX_CHARS}, only the first and last {@code MAX_CHARS / 2} characters.
     */
    static int[] shingles(String question) {
        // A long narrative says what it is about at its start or asks at its end: both halves are kept.
        String read = question.length() <= MAX_CHARS ? question
                : question.substring(0, MAX_CHARS / 2) + question.substring(question.length() - MAX_CHARS / 2);
        String t = NOT_WORDS.matcher(TextNormalizer.normalize(read)).replaceAll("");
        if (t.length() <= 1) {
            return t.isEmpty() ? new int[0] : new int[]{t.charAt(0) << 16};
        }
        int[] codes = IntStream.range(0, t.length() - 1).map(i -> t.charAt(i) << 16 | t.charAt(i + 1)).toArray();
        Arrays.sort(codes);
        // Drops repeats in place: IntStream.distinct() boxes every element, a third of the grouping's time.
        int distinct = 1;
        for (int i = 1; i < codes.length; i++) {
            if (codes[i] != codes[distinct - 1]) {
                codes[distinct++] = codes[i];
            }
        }
        return Arrays.copyOf(codes, distinct);
    }

    /** Jaccard similarity of two sorted, distinct sets; 0 if either is empty. */
    static double jaccard(int[] a, int[] b) {
        return jaccard(a, b, 0);
    }

    /**
     * Jaccard similarity of two sorted, distinct sets when it is at least {@code floor}; otherwise some
     * value below {@code floor} (the walk stops as soon as the floor is out of reach, which is where most
     * comparisons of long questions end). 0 if either set is empty.
     */
    static double jaccard(int[] a, int[] b, double floor) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        // J ≥ floor ⇔ common ≥ floor·(|a| + |b|) / (1 + floor)
        double needed = floor * (a.length + b.length) / (1 + floor);
        int common = 0;
        // A merge walk: both are sorted, so one pass counts the intersection without a hash set.
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else {
                if (a[i] < b[j]) {
                    i++;
                } else {
                    j++;
                }
                if (common + Math.min(a.length - i, b.length - j) < needed) {
                    return 0;
                }
            }
        }
        return (double) common / (a.length + b.length - common);
    }
}
