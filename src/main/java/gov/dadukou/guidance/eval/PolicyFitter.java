package gov.dadukou.guidance.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.dadukou.guidance.chat.AnswerComposer;
import gov.dadukou.guidance.chat.AnswerPolicy;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.search.Retriever;
import gov.dadukou.guidance.search.SearchResult;

import java.io.PrintStream;
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

    private record Sample(double[] x, boolean positive, boolean inScope, double weight) {
    }

    public void fit(List<QuestionFile> files, PrintStream out) {
        List<Sample> samples = samples(files);
        double totalWeight = samples.stream().mapToDouble(Sample::weight).sum();
        int d = AnswerPolicy.FEATURE_NAMES.size();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (Sample s : samples) {
            for (int k = 0; k < d; k++) {
                mean[k] += s.weight() * s.x()[k] / totalWeight;
            }
        }
        for (Sample s : samples) {
            for (int k = 0; k < d; k++) {
                sd[k] += s.weight() * Math.pow(s.x()[k] - mean[k], 2) / totalWeight;
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
                double err = s.weight() * (p - (s.positive() ? 1 : 0));
                grad[0] += err;
                for (int k = 0; k < d; k++) {
                    grad[k + 1] += err * (s.x()[k] - mean[k]) / sd[k];
                }
            }
            for (int k = 0; k <= d; k++) {
                w[k] -= rate * (grad[k] / totalWeight + (k == 0 ? 0 : l2 * w[k]));
                if (k > 0 && AnswerPolicy.NEVER_POSITIVE.contains(AnswerPolicy.FEATURE_NAMES.get(k - 1))) {
                    w[k] = Math.min(0, w[k]); // never more confident for a longer question or a story
                }
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
        double inScope = samples.stream().filter(Sample::inScope).mapToDouble(Sample::weight).sum();
        double outScope = totalWeight - inScope;
        long topRight = samples.stream().filter(Sample::positive).count();
        out.printf("samples %d (weighted: in scope %.0f, out of scope %.0f; top candidate right %d)%n", samples.size(), inScope,
                outScope, topRight);
        out.println("threshold  in-scope-accuracy  out-of-scope-rejection  confident-wrong-rate");
        for (double t = 0.10; t < 0.951; t += 0.05) {
            double right = 0;
            double rejected = 0;
            double wrong = 0;
            for (Sample s : samples) {
                boolean answered = sigmoid(w, s.x(), mean, sd) >= t;
                if (answered && s.positive()) {
                    right += s.weight();
                } else if (answered) {
                    wrong += s.weight();
                }
                if (!s.inScope() && !answered) {
                    rejected += s.weight();
                }
            }
            out.printf("  %.2f       %.3f              %.3f                   %.3f%n", t, right / Math.max(1, inScope),
                    rejected / Math.max(1, outScope), wrong / totalWeight);
        }
    }

    private List<Sample> samples(List<QuestionFile> files) {
        List<Sample> samples = new ArrayList<>();
        for (QuestionFile file : files) {
            for (QuestionFile.Line line : file.lines()) {
                JsonNode item = line.item();
                if (!item.has("q")) {
                    continue; // sessions are scored by eval, not used for fitting
                }
                SearchResult result = retriever.search(item.get("q").asText());
                if (AnswerPolicy.decidedWithoutModel(result)) {
                    continue; // decided without the model
                }
                JsonNode expect = item.get("expect");
                boolean inScope = expect.isArray();
                boolean positive = inScope && passes(result.hits().get(0).entryId(), expect);
                samples.add(new Sample(AnswerPolicy.features(result, 0), positive, inScope, file.weight()));
            }
        }
        return samples;
    }

    /**
     * Writes, one JSON line per single-turn question, the features and rightness of every candidate the retriever returns:
     * the material for trying answer policies offline (see docs/retrieval.md).
     */
    public void dump(List<QuestionFile> files, PrintStream out) {
        for (QuestionFile file : files) {
            for (QuestionFile.Line line : file.lines()) {
                JsonNode item = line.item();
                if (!item.has("q")) {
                    continue;
                }
                SearchResult result = retriever.search(item.get("q").asText());
                ObjectNode o = JSON.createObjectNode();
                o.put("file", file.label()).put("line", line.number()).put("weight", file.weight())
                        .put("inScope", item.get("expect").isArray()).put("entry", item.path("entry").asText(null))
                        .put("unreadable", AnswerPolicy.decidedWithoutModel(result))
                        .put("knownShare", result.knownShare());
                ArrayNode hits = o.putArray("hits");
                for (int i = 0; i < result.hits().size(); i++) {
                    ObjectNode h = hits.addObject();
                    h.put("id", result.hits().get(i).entryId());
                    h.put("right", item.get("expect").isArray() && passes(result.hits().get(i).entryId(), item.get("expect")));
                    ArrayNode x = h.putArray("x");
                    for (double v : AnswerPolicy.features(result, i)) {
                        x.add(v);
                    }
                }
                out.println(o);
            }
        }
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
