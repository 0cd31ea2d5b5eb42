package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.chat.QuestionLog;
import gov.dadukou.guidance.search.TextNormalizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The grouping as it was before MinHash/LSH (commit 8156493), kept verbatim as the reference for quality
 * tests and the "before" benchmark: every question compared with every group's first question, so
 * quadratic. Not for production. Stateless.
 */
final class QuadraticGrouping {
    static final double THRESHOLD = 0.3;

    /** A group of similar unanswered questions. */
    record Gap(String representative, int count, List<String> examples, List<String> outcomes) {
    }

    private QuadraticGrouping() {
    }

    public static List<Gap> group(List<QuestionLog.Row> rows, int top) {
        record Group(String first, Set<String> bigrams, List<String> questions, List<String> outcomes) {
        }
        List<Group> groups = new ArrayList<>();
        for (QuestionLog.Row row : rows) {
            Set<String> b = bigrams(row.question());
            Group best = null;
            double bestScore = 0;
            for (Group g : groups) {
                double s = jaccard(b, g.bigrams());
                if (s > bestScore) {
                    bestScore = s;
                    best = g;
                }
            }
            if (best != null && bestScore >= THRESHOLD) {
                best.questions().add(row.question());
                best.outcomes().add(row.outcome());
            } else {
                groups.add(new Group(row.question(), b, new ArrayList<>(List.of(row.question())), new ArrayList<>(List.of(row.outcome()))));
            }
        }
        return groups.stream()
                .sorted(Comparator.comparingInt((Group g) -> g.questions().size()).reversed())
                .limit(top)
                .map(g -> new Gap(g.first(), g.questions().size(), g.questions().stream().distinct().limit(5).toList(),
                        g.outcomes().stream().distinct().toList()))
                .toList();
    }

    static Set<String> bigrams(String text) {
        String t = TextNormalizer.normalize(text).replaceAll("[\\p{P}\\p{S}\\s]", "");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 1 < t.length(); i++) {
            out.add(t.substring(i, i + 2));
        }
        if (out.isEmpty() && !t.isEmpty()) {
            out.add(t);
        }
        return out;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long common = a.stream().filter(b::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }
}
