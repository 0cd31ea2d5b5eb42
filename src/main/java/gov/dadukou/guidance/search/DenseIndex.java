package gov.dadukou.guidance.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embeddings of each entry's phrasings and title, searched exhaustively: a few thousand vectors
 * take a fraction of a millisecond, and an exact search needs no tuning. An entry's vectors are
 * replaced whole. Thread-safe.
 */
final class DenseIndex {
    private final EmbeddingCache embedder;
    private final Map<String, float[][]> vectors = new ConcurrentHashMap<>();

    DenseIndex(EmbeddingCache embedder) {
        this.embedder = embedder;
    }

    void put(String entryId, List<String> normalizedTexts) {
        float[][] v = new float[normalizedTexts.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = embedder.embed(normalizedTexts.get(i));
        }
        vectors.put(entryId, v);
    }

    void remove(String entryId) {
        vectors.remove(entryId);
    }

    void flush() {
        embedder.flush();
    }

    float[] embedQuestion(String normalized) {
        return embedder.embedTransient(normalized);
    }

    /** The best cosine similarity of the question to each entry's texts. */
    Map<String, Double> similarities(float[] question) {
        Map<String, Double> result = new HashMap<>();
        for (Map.Entry<String, float[][]> e : vectors.entrySet()) {
            double best = -1;
            for (float[] v : e.getValue()) {
                double dot = 0;
                for (int k = 0; k < v.length; k++) {
                    dot += v[k] * question[k];
                }
                best = Math.max(best, dot);
            }
            result.put(e.getKey(), best);
        }
        return result;
    }
}
