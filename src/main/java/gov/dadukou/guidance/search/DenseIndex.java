package gov.dadukou.guidance.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embeddings of each entry's phrasings and title. A question is first compared with each entry's
 * centroid (the normalized mean of its vectors), then exactly with every phrasing of the
 * {@link #SHORTLIST} closest entries; other entries keep their centroid similarity. That is about a
 * third of the dot products of an exhaustive search, and exact where it matters. The vectors live in
 * an immutable snapshot replaced on every change (copy on write), so a search reads plain arrays with
 * no locking and builds no maps. Thread-safe.
 */
final class DenseIndex {
    static final int SHORTLIST = 24;

    /** All entries' vectors, in parallel arrays; never modified once published. */
    private record Snapshot(String[] ids, float[][] centroids, float[][][] phrasings, Map<String, Integer> position) {
        static final Snapshot EMPTY = new Snapshot(new String[0], new float[0][], new float[0][][], Map.of());
    }

    /** Similarities of one question to every entry, by position in the snapshot it was computed on. */
    static final class Similarities {
        private final Snapshot snapshot;
        private final double[] values;

        private Similarities(Snapshot snapshot, double[] values) {
            this.snapshot = snapshot;
            this.values = values;
        }

        /** The similarity to {@code entryId}, or 0 for an entry the snapshot does not hold. */
        double of(String entryId) {
            Integer i = snapshot.position().get(entryId);
            return i == null ? 0 : values[i];
        }

        /** The ids of the {@code n} most similar entries, best first. */
        List<String> top(int n) {
            List<String> out = new ArrayList<>(n);
            boolean[] taken = new boolean[values.length];
            for (int k = 0; k < Math.min(n, values.length); k++) {
                int best = -1;
                for (int i = 0; i < values.length; i++) {
                    if (!taken[i] && (best < 0 || values[i] > values[best])) {
                        best = i;
                    }
                }
                taken[best] = true;
                out.add(snapshot.ids()[best]);
            }
            return out;
        }
    }

    private final EmbeddingCache embedder;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    DenseIndex(EmbeddingCache embedder) {
        this.embedder = embedder;
    }

    /** Embeds the texts (outside any lock: it is slow) and publishes the entry's vectors. */
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
        update(entryId, centroid, v);
    }

    void remove(String entryId) {
        update(entryId, null, null);
    }

    private synchronized void update(String entryId, float[] centroid, float[][] phrasings) {
        Snapshot old = snapshot;
        List<String> ids = new ArrayList<>(List.of(old.ids()));
        List<float[]> centroids = new ArrayList<>(List.of(old.centroids()));
        List<float[][]> vectors = new ArrayList<>(List.of(old.phrasings()));
        Integer at = old.position().get(entryId);
        if (at != null) {
            ids.remove((int) at);
            centroids.remove((int) at);
            vectors.remove((int) at);
        }
        if (centroid != null) {
            ids.add(entryId);
            centroids.add(centroid);
            vectors.add(phrasings);
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        snapshot = new Snapshot(ids.toArray(String[]::new), centroids.toArray(float[][]::new),
                vectors.toArray(float[][][]::new), Map.copyOf(position));
    }

    void flush() {
        embedder.flush();
    }

    float[] embedQuestion(String normalized) {
        return embedder.embedQuestion(normalized);
    }

    /** Each entry's similarity to the question: exact (best phrasing) for the shortlist, centroid otherwise. */
    Similarities similarities(float[] question) {
        Snapshot s = snapshot;
        double[] values = new double[s.ids().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = dot(s.centroids()[i], question);
        }
        Similarities centroidsOnly = new Similarities(s, values.clone());
        for (String id : centroidsOnly.top(SHORTLIST)) {
            int i = s.position().get(id);
            float best = -1;
            for (float[] p : s.phrasings()[i]) {
                best = Math.max(best, dot(p, question));
            }
            values[i] = best;
        }
        return new Similarities(s, values);
    }

    /**
     * The mean of the entries' centroids: the direction that every question about the knowledge base
     * shares; null when no entry is indexed. Computed from the current snapshot on each call.
     */
    float[] meanCentroid() {
        Snapshot s = snapshot;
        if (s.centroids().length == 0) {
            return null;
        }
        float[] mean = new float[s.centroids()[0].length];
        for (float[] c : s.centroids()) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += c[k] / s.centroids().length;
            }
        }
        return mean;
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
