package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.chat.QuestionLog;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test (surefire runs {@code *Test} only): the question-gaps benchmark behind docs/benchmarks.md.
 * {@code bench/gaps.sh [sizes…] [--old]}: for each size, a synthetic log ({@link SyntheticQuestions}) is
 * grouped {@value #RUNS} times after {@value #WARM_UPS} warm-ups and the median wall and CPU times are
 * printed; with {@code --old}, the quadratic grouping is also timed once per size; with {@code --long},
 * every question is a long narrative (200–500 characters) instead of one in four; with {@code --meaning},
 * the groups are also joined by meaning ({@link MeaningGroups}) with the real bge model, timed once with
 * no question embedded yet (cold: a flood the chat never embedded) and once with them remembered (warm:
 * what the chat's embedding memory gives).
 */
public final class GapsBenchmark {
    private static final int RUNS = 7;
    private static final int WARM_UPS = 3;

    private GapsBenchmark() {
    }

    public static void main(String[] args) {
        boolean old = Arrays.asList(args).contains("--old");
        boolean allLong = Arrays.asList(args).contains("--long");
        boolean meaning = Arrays.asList(args).contains("--meaning");
        int[] sizes = Arrays.stream(args).filter(a -> !a.startsWith("--")).mapToInt(Integer::parseInt).toArray();
        SyntheticQuestions.Corpus corpus = SyntheticQuestions.corpus(Path.of("knowledge-base"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int n : sizes.length == 0 ? new int[]{2_000, 20_000} : sizes) {
            List<QuestionLog.Row> rows = allLong ? SyntheticQuestions.longLog(corpus, n, 42) : SyntheticQuestions.log(corpus, n, 42);
            double avgChars = rows.stream().mapToInt(r -> r.question().length()).average().orElse(0);
            long longOnes = rows.stream().filter(r -> r.question().length() >= 200).count();
            for (int w = 0; w < WARM_UPS; w++) {
                new QuestionGaps().report(rows);
            }
            long[] wall = new long[RUNS];
            long[] cpu = new long[RUNS];
            QuestionGaps.Report report = null;
            for (int r = 0; r < RUNS; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                report = new QuestionGaps().report(rows);
                wall[r] = System.nanoTime() - t0;
                cpu[r] = threads.getCurrentThreadCpuTime() - c0;
            }
            QuestionGaps cached = new QuestionGaps();
            cached.report(rows);
            long t0 = System.nanoTime();
            cached.report(rows);
            long again = System.nanoTime() - t0;
            System.out.printf("n=%d (avg %.0f chars, %d of 200+): new median %.0f ms wall, %.0f ms CPU; cached again %.1f ms;"
                            + " %d comparisons (%.1f per question); top counts %s%n",
                    n, avgChars, longOnes, median(wall) / 1e6, median(cpu) / 1e6, again / 1e6, report.comparisons(),
                    (double) report.comparisons() / n, report.top(10).stream().map(QuestionGaps.Gap::count).toList());
            if (meaning) {
                timeMeaning(rows, corpus, threads);
            }
            if (old) {
                long c1 = threads.getCurrentThreadCpuTime();
                long t1 = System.nanoTime();
                List<QuadraticGrouping.Gap> before = QuadraticGrouping.group(rows, 10);
                System.out.printf("n=%d: old %.0f ms wall, %.0f ms CPU; top counts %s%n", n, (System.nanoTime() - t1) / 1e6,
                        (threads.getCurrentThreadCpuTime() - c1) / 1e6, before.stream().map(QuadraticGrouping.Gap::count).toList());
            }
        }
    }

    private static void timeMeaning(List<QuestionLog.Row> rows, SyntheticQuestions.Corpus corpus, ThreadMXBean threads) {
        gov.dadukou.guidance.search.EmbeddingCache cache = new gov.dadukou.guidance.search.EmbeddingCache(
                new gov.dadukou.guidance.search.BgeEmbedder(), null);
        float[] common = new float[512];
        List<String> sample = corpus.phrasings().subList(0, Math.min(200, corpus.phrasings().size()));
        for (String p : sample) {
            float[] v = cache.embed(gov.dadukou.guidance.search.TextNormalizer.normalize(p));
            for (int k = 0; k < common.length; k++) {
                common[k] += v[k] / sample.size();
            }
        }
        java.util.concurrent.atomic.AtomicInteger embedded = new java.util.concurrent.atomic.AtomicInteger();
        QuestionGaps.Meaning m = new QuestionGaps.Meaning() {
            @Override
            public float[] vector(String question) {
                embedded.incrementAndGet();
                return cache.embedQuestion(gov.dadukou.guidance.search.TextNormalizer.normalize(question));
            }

            @Override
            public float[] common() {
                return common;
            }
        };
        for (String phase : List.of("cold", "warm", "warm")) {
            embedded.set(0);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            QuestionGaps.Report report = new QuestionGaps(m).report(rows);
            System.out.printf("n=%d with meaning (%s): %.0f ms wall, %.0f ms CPU; %d questions embedded; top counts %s%n", rows.size(),
                    phase, (System.nanoTime() - t0) / 1e6, (threads.getCurrentThreadCpuTime() - c0) / 1e6, embedded.get(),
                    report.top(10).stream().map(QuestionGaps.Gap::count).toList());
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
