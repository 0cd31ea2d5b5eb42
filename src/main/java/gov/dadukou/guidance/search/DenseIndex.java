package gov.dadukou.guidance.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** An entry's vectors: the normalized mean, and one per phrasing and the title. */
    private record Vectors(float[] centroid, float[][] phrasings) {
    }

    private final DenseModel model;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** @param model the model and its cache, possibly still loading: the first use waits for it */
    DenseIndex(DenseModel model) {
        this.model = model;
    }

    /** Embeds the texts (outside any lock: it is slow) and publishes the entry's vectors. */
    void put(String entryId, List<String> normalizedTexts) {
        putAll(Map.of(entryId, normalizedTexts));
    }

    /**
     * Embeds the texts of every entry, spread over the cores, and publishes them all in one new snapshot: one copy of
     * the arrays for the whole batch, not one per entry (which made a start with thousands of entries quadratic).
     * Entries already held are replaced; new ones go last, in {@code textsById}'s order.
     */
    void putAll(Map<String, List<String>> textsById) {
        EmbeddingCache embedder = model.await();
        List<String> ids = List.copyOf(textsById.keySet());
        List<Vectors> vectors = ids.parallelStream().map(id -> vectors(embedder, textsById.get(id))).toList();
        Map<String, Vectors> changes = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            changes.put(ids.get(i), vectors.get(i));
        }
        update(changes);
    }

    private static Vectors vectors(EmbeddingCache embedder, List<String> normalizedTexts) {
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
        return new Vectors(centroid, v);
    }

    void remove(String entryId) {
        Map<String, Vectors> removal = new HashMap<>();
        removal.put(entryId, null);
        update(removal);
    }

    /** Publishes a snapshot without the changed entries, then with those whose new vectors are not null, appended. */
    private synchronized void update(Map<String, Vectors> changes) {
        Snapshot old = snapshot;
        List<String> ids = new ArrayList<>(old.ids().length + changes.size());
        List<float[]> centroids = new ArrayList<>(old.ids().length + changes.size());
        List<float[][]> vectors = new ArrayList<>(old.ids().length + changes.size());
        for (int i = 0; i < old.ids().length; i++) {
            if (!changes.containsKey(old.ids()[i])) {
                ids.add(old.ids()[i]);
                centroids.add(old.centroids()[i]);
                vectors.add(old.phrasings()[i]);
            }
        }
        changes.forEach((id, v) -> {
            if (v != null) {
                ids.add(id);
                centroids.add(v.centroid());
                vectors.add(v.phrasings());
            }
        });
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        snapshot = new Snapshot(ids.toArray(String[]::new), centroids.toArray(float[][]::new),
                vectors.toArray(float[][][]::new), Map.copyOf(position));
    }

    void flush() {
        model.await().flush();
    }

    float[] embedQuestion(String normalized) {
        return model.await().embedQuestion(normalized);
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
