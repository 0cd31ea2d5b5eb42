package gov.dadukou.guidance.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embeddings of each entry's phrasings and title. A question is first compared with each entry's
 * centroid (the normalized mean of its vectors), then exactly with every phrasing of the
 * {@link #SHORTLIST} closest entries; other entries keep their centroid similarity. That is about a
 * third of the dot products of an exhaustive search, which dominated the CPU time of a question, and
 * exact where it matters. An entry's vectors are replaced whole. Thread-safe.
 */
final class DenseIndex {
    static final int SHORTLIST = 24;

    private record Vectors(float[] centroid, float[][] phrasings) {
    }

    private final EmbeddingCache embedder;
    private final Map<String, Vectors> vectors = new ConcurrentHashMap<>();

    DenseIndex(EmbeddingCache embedder) {
        this.embedder = embedder;
    }

    void put(String entryId, List<String> normalizedTexts) {
        float[][] v = new float[normalizedTexts.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = embedder.embed(normalizedTexts.get(i));
        }
        float[] centroid = new float[v[0].length];
        for (float[] p : v) {
            for (int k = 0; k < centroid.length; k++) {
                centroid[k] += p[k];
            }
        }
        double norm = Math.sqrt(dot(centroid, centroid));
        for (int k = 0; k < centroid.length; k++) {
            centroid[k] /= (float) Math.max(norm, 1e-12);
        }
        vectors.put(entryId, new Vectors(centroid, v));
    }

    void remove(String entryId) {
        vectors.remove(entryId);
    }

    void flush() {
        embedder.flush();
    }

    float[] embedQuestion(String normalized) {
        return embedder.embedQuestion(normalized);
    }

    /** Each entry's similarity to the question: exact (best phrasing) for the shortlist, centroid otherwise. */
    Map<String, Double> similarities(float[] question) {
        Map<String, Double> result = new HashMap<>();
        List<Map.Entry<String, Vectors>> all = new ArrayList<>(vectors.entrySet());
        for (Map.Entry<String, Vectors> e : all) {
            result.put(e.getKey(), (double) dot(e.getValue().centroid(), question));
        }
        all.sort((a, b) -> Double.compare(result.get(b.getKey()), result.get(a.getKey())));
        for (Map.Entry<String, Vectors> e : all.subList(0, Math.min(SHORTLIST, all.size()))) {
            float best = -1;
            for (float[] p : e.getValue().phrasings()) {
                best = Math.max(best, dot(p, question));
            }
            result.put(e.getKey(), (double) best);
        }
        return result;
    }

    /** Four accumulators, so that the additions do not wait on one another. */
    static float dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int n = a.length - 3; i < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
