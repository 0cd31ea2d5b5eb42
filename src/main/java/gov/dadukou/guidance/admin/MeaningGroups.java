package gov.dadukou.guidance.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Joins groups of unanswered questions that say the same thing in different words ("散装白酒要什么证",
 * "自己泡的药酒能卖吗"), which share too few characters for {@link QuestionGaps}'s bigram grouping.
 *
 * <p>How. Each group is placed by the embeddings the assistant already computes for questions
 * ({@link QuestionGaps.Meaning}): the vectors of up to {@link #PER_GROUP} of its questions, each minus the
 * direction every question shares (the mean of the knowledge base's entry centroids: bge vectors of any
 * two Chinese questions have a cosine of about 0.4, which hides the differences), normalised and summed
 * into the group's direction. Groups are then taken largest first; each joins the earlier kept cluster
 * whose members' directions have the highest mean cosine with its own, when that mean is at least
 * {@link #THRESHOLD}, else it starts a cluster. The mean over all members (average linkage) keeps one
 * loose pair from chaining topics together, and unlike the cosine with a cluster's summed direction it
 * does not grow as a cluster grows (which, tried first, merged a 20,000-question log into a few giant gaps).
 *
 * <p>Bounds. Only the {@link #MAX_GROUPS} largest groups are placed, so one grouping embeds at most
 * {@code MAX_GROUPS × PER_GROUP} questions (most already embedded by the chat and remembered) and makes
 * at most {@code MAX_GROUPS²/2} dot products: see docs/benchmarks.md. Smaller groups stay as they are.
 *
 * <p>Stateless; thread-safe if the {@link QuestionGaps.Meaning} is.
 */
final class MeaningGroups {
    /** Largest lexical groups placed by meaning; the rest keep their lexical grouping. */
    static final int MAX_GROUPS = 100;
    /** Questions of a group embedded, its first (newest) ones. */
    static final int PER_GROUP = 2;
    /**
     * Cosine of two groups' centred directions from which they are one gap. Chosen on synthetic questions
     * (MeaningGroupsTest): the same worry in other words scored 0.3–0.7, neighbouring topics of one
     * department (shop signs and street stalls) below 0.25.
     */
    static final double THRESHOLD = 0.3;

    private MeaningGroups() {
    }

    /**
     * Merges {@code groups} (lists of question numbers, largest first) by meaning; returns the merged groups,
     * largest first; a merged group starts with its kept group's first question, then the first question of
     * each group that joined it, then the others.
     * Returns {@code groups} unchanged when {@code meaning} gives no vectors.
     *
     * @param text the question of a number
     */
    static List<List<Integer>> merge(List<List<Integer>> groups, IntFunction<String> text, QuestionGaps.Meaning meaning) {
        float[] common = meaning.common();
        if (common == null || groups.size() < 2) {
            return groups;
        }
        int placed = Math.min(groups.size(), MAX_GROUPS);
        List<float[]> sums = new ArrayList<>(); // per cluster: the sum of its members' unit directions
        List<Integer> members = new ArrayList<>();
        List<List<List<Integer>>> kept = new ArrayList<>(); // each kept group with the groups that joined it
        for (int g = 0; g < placed; g++) {
            List<Integer> group = groups.get(g);
            float[] direction = direction(group, text, meaning, common);
            int best = -1;
            double bestScore = THRESHOLD;
            for (int k = 0; direction != null && k < kept.size(); k++) {
                double score = dot(sums.get(k), direction) / members.get(k); // the mean cosine with the members
                if (score >= bestScore) {
                    bestScore = score;
                    best = k;
                }
            }
            if (best < 0) {
                kept.add(new ArrayList<>(List.of(group)));
                sums.add(direction == null ? new float[common.length] : direction);
                members.add(1);
            } else {
                kept.get(best).add(group);
                add(sums.get(best), direction);
                members.set(best, members.get(best) + 1);
            }
        }
        List<List<Integer>> out = new ArrayList<>(kept.stream().map(MeaningGroups::flatten).toList());
        out.addAll(groups.subList(placed, groups.size()));
        out.sort((a, b) -> Integer.compare(b.size(), a.size())); // stable: earlier (larger, older) first
        return out;
    }

    /** The first question of each joined group first (so examples show every wording), then the rest in order. */
    private static List<Integer> flatten(List<List<Integer>> members) {
        List<Integer> out = new ArrayList<>();
        members.forEach(m -> out.add(m.get(0)));
        members.forEach(m -> out.addAll(m.subList(1, m.size())));
        return out;
    }

    /** The unit sum of the centred, normalised vectors of the group's first questions; null if none has one. */
    private static float[] direction(List<Integer> group, IntFunction<String> text, QuestionGaps.Meaning meaning, float[] common) {
        float[] sum = null;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < group.size() && seen.size() < PER_GROUP; i++) {
            String q = text.apply(group.get(i));
            if (seen.contains(q)) {
                continue;
            }
            seen.add(q);
            float[] v = meaning.vector(q);
            if (v == null || v.length != common.length) {
                continue;
            }
            float[] centred = new float[v.length];
            for (int k = 0; k < v.length; k++) {
                centred[k] = v[k] - common[k];
            }
            normalise(centred);
            if (sum == null) {
                sum = centred;
            } else {
                add(sum, centred);
            }
        }
        if (sum != null) {
            normalise(sum);
        }
        return sum;
    }

    private static void add(float[] into, float[] v) {
        if (v == null) {
            return;
        }
        for (int k = 0; k < into.length; k++) {
            into[k] += v[k];
        }
    }

    private static void normalise(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        for (int k = 0; k < v.length; k++) {
            v[k] /= (float) Math.max(norm, 1e-12);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
