package gov.dadukou.guidance.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.chat.AnswerComposer;
import gov.dadukou.guidance.chat.AnswerPolicy;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.search.Retriever;
import gov.dadukou.guidance.search.SearchResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fits the answer policy's logistic model on labelled single-turn questions: a question is a positive
 * when the top candidate's answer carries every expected pattern, a negative when it does not or when
 * the question is out of scope. Prints the coefficients and, per threshold, the figures the eval
 * reports, so that thresholds are chosen from measurement. An offline tool; not thread-safe.
 */
public final class PolicyFitter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Retriever retriever;
    private final EntryStore entries;

    public PolicyFitter(Retriever retriever, EntryStore entries) {
        this.retriever = retriever;
        this.entries = entries;
    }

    private record Sample(double[] x, boolean positive, boolean inScope) {
    }

    public void fit(List<Path> files, PrintStream out) {
        List<Sample> samples = samples(files);
        int d = AnswerPolicy.FEATURE_NAMES.size();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (Sample s : samples) {
            for (int k = 0; k < d; k++) {
                mean[k] += s.x()[k] / samples.size();
            }
        }
        for (Sample s : samples) {
            for (int k = 0; k < d; k++) {
                sd[k] += Math.pow(s.x()[k] - mean[k], 2) / samples.size();
            }
        }
        for (int k = 0; k < d; k++) {
            sd[k] = Math.max(1e-6, Math.sqrt(sd[k]));
        }
        double[] w = new double[d + 1];
        double rate = 0.1;
        double l2 = 1e-3;
        for (int iter = 0; iter < 5000; iter++) {
            double[] grad = new double[d + 1];
            for (Sample s : samples) {
                double p = sigmoid(w, s.x(), mean, sd);
                double err = p - (s.positive() ? 1 : 0);
                grad[0] += err;
                for (int k = 0; k < d; k++) {
                    grad[k + 1] += err * (s.x()[k] - mean[k]) / sd[k];
                }
            }
            for (int k = 0; k <= d; k++) {
                w[k] -= rate * (grad[k] / samples.size() + (k == 0 ? 0 : l2 * w[k]));
            }
        }
        // Back to the raw feature scale, which is what AnswerPolicy applies.
        double[] raw = new double[d + 1];
        raw[0] = w[0];
        for (int k = 0; k < d; k++) {
            raw[k + 1] = w[k + 1] / sd[k];
            raw[0] -= w[k + 1] * mean[k] / sd[k];
        }
        StringBuilder coef = new StringBuilder("coefficients (intercept, " + String.join(", ", AnswerPolicy.FEATURE_NAMES) + "):\n  List.of(");
        for (int k = 0; k <= d; k++) {
            coef.append(String.format("%.3f", raw[k])).append(k < d ? ", " : ")\n");
        }
        out.print(coef);
        long inScope = samples.stream().filter(Sample::inScope).count();
        long outScope = samples.size() - inScope;
        long topRight = samples.stream().filter(Sample::positive).count();
        out.printf("samples %d (in scope %d, top candidate right %d; out of scope %d)%n", samples.size(), inScope, topRight, outScope);
        out.println("threshold  in-scope-accuracy  out-of-scope-rejection  confident-wrong-rate");
        for (double t = 0.10; t < 0.951; t += 0.05) {
            int right = 0;
            int rejected = 0;
            int wrong = 0;
            for (Sample s : samples) {
                boolean answered = sigmoid(w, s.x(), mean, sd) >= t;
                if (answered && s.positive()) {
                    right++;
                } else if (answered) {
                    wrong++;
                }
                if (!s.inScope() && !answered) {
                    rejected++;
                }
            }
            out.printf("  %.2f       %.3f              %.3f                   %.3f%n", t, (double) right / Math.max(1, inScope),
                    (double) rejected / Math.max(1, outScope), (double) wrong / samples.size());
        }
    }

    private List<Sample> samples(List<Path> files) {
        List<Sample> samples = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode item;
                try {
                    item = JSON.readTree(line);
                } catch (IOException e) {
                    throw new Evaluator.EvalFileException(file + ": not JSON: " + line, e);
                }
                if (!item.has("q")) {
                    continue; // sessions are scored by eval, not used for fitting
                }
                SearchResult result = retriever.search(item.get("q").asText());
                if (result.hits().isEmpty() || result.contentWords().isEmpty()) {
                    continue; // decided without the model
                }
                JsonNode expect = item.get("expect");
                boolean inScope = expect.isArray();
                boolean positive = inScope && passes(result.hits().get(0).entryId(), expect);
                samples.add(new Sample(AnswerPolicy.features(result, 0), positive, inScope));
            }
        }
        return samples;
    }

    private boolean passes(String entryId, JsonNode expect) {
        Entry entry = entries.get(entryId).orElse(null);
        if (entry == null) {
            return false;
        }
        String answer = AnswerComposer.answer(entry, null);
        for (JsonNode p : expect) {
            if (!Pattern.compile(p.asText()).matcher(answer).find()) {
                return false;
            }
        }
        return true;
    }

    private static double sigmoid(double[] w, double[] x, double[] mean, double[] sd) {
        double z = w[0];
        for (int k = 0; k < x.length; k++) {
            z += w[k + 1] * (x[k] - mean[k]) / sd[k];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
