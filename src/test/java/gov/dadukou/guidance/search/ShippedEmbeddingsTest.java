package gov.dadukou.guidance.search;

import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShippedEmbeddingsTest {
    private static BgeEmbedder model;
    private static List<String> shippedTexts;

    @BeforeAll
    static void loadModelAndKnowledgeBase() {
        model = new BgeEmbedder();
        shippedTexts = ShippedEmbeddings.texts(KnowledgeBaseLoader.load(TestServer.SHIPPED_KB).entries());
    }

    /** A deterministic stand-in model that counts its runs; {@code seed} changes every vector. */
    static class CountingModel implements Embedder {
        final AtomicInteger runs = new AtomicInteger();
        private final int seed;

        CountingModel(int seed) {
            this.seed = seed;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public float[] embed(String text) {
            runs.incrementAndGet();
            float[] v = new float[8];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.sin(text.hashCode() * 31 + i + seed);
            }
            float norm = (float) Math.sqrt(DenseIndex.dot(v, v));
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
            return v;
        }
    }

    private static byte[] resourceFor(Embedder m, List<String> texts) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        texts.forEach(t -> vectors.put(EmbeddingCache.key(m.name(), t), m.embed(t)));
        return ShippedEmbeddings.bytes(m.name(), texts.get(0), m.embed(texts.get(0)), vectors);
    }

    @Test
    void theJarsVectorsEqualTheOnesTheModelComputesNow() {
        Map<String, float[]> shipped = ShippedEmbeddings.fromJar(model);
        assertTrue(shipped.size() > 1000, "the jar carries the shipped knowledge base's vectors: " + shipped.size());
        // Every 40th phrasing of the shipped base, freshly embedded, equals the jar's vector.
        for (int i = 0; i < shippedTexts.size(); i += 40) {
            String text = shippedTexts.get(i);
            float[] fresh = model.embed(text);
            float[] stored = shipped.get(EmbeddingCache.key(model.name(), text));
            assertTrue(stored != null, "no shipped vector for " + text);
            for (int k = 0; k < fresh.length; k++) {
                assertEquals(fresh[k], stored[k], 1e-5, text + " component " + k);
            }
        }
    }

    @Test
    void theJarCoversAlmostEveryPhrasingOfTheShippedKnowledgeBase() {
        Set<String> keys = new HashSet<>(ShippedEmbeddings.fromJar(model).keySet());
        long covered = shippedTexts.stream().filter(t -> keys.contains(EmbeddingCache.key(model.name(), t))).count();
        // Slack for entries edited since the resource was made; regenerate with `embeddings-resource`.
        assertTrue(covered >= shippedTexts.size() * 0.95, "only " + covered + " of " + shippedTexts.size()
                + " phrasings have a shipped vector: run `java -jar target/guidance-assistant.jar embeddings-resource`");
    }

    @Test
    void aCacheSeededWithShippedVectorsDoesNotRunTheModelForThem() {
        CountingModel m = new CountingModel(0);
        List<String> texts = List.of("营业执照需要挂在店里吗", "年报最晚几号交", "试用期最长多久");
        Map<String, float[]> shipped = ShippedEmbeddings.read(m, resourceFor(m, texts));
        m.runs.set(0);
        EmbeddingCache cache = new EmbeddingCache(m, null, shipped);
        float[] stored = shipped.get(EmbeddingCache.key("counting", "年报最晚几号交"));
        assertSame(stored, cache.embed("年报最晚几号交"));
        assertEquals(0, m.runs.get());
    }

    @Test
    void aStaleResourceServesOnlyTheTextsItStillMatchesAndTheRestAreEmbedded() {
        CountingModel m = new CountingModel(0);
        Map<String, float[]> shipped = ShippedEmbeddings.read(m, resourceFor(m, List.of("旧的问法", "年报最晚几号交")));
        m.runs.set(0);
        EmbeddingCache cache = new EmbeddingCache(m, null, shipped);
        float[] changed = cache.embed("年报最晚几月几号交");
        assertEquals(1, m.runs.get(), "a phrasing edited since the resource was made is embedded");
        assertArrayEquals(new CountingModel(0).embed("年报最晚几月几号交"), changed);
    }

    @Test
    void aTamperedResourceIsIgnoredWholeAndEveryTextIsEmbedded() {
        CountingModel m = new CountingModel(0);
        byte[] bytes = resourceFor(m, List.of("营业执照需要挂在店里吗", "年报最晚几号交"));
        bytes[bytes.length - 40] ^= 0x01; // one bit of the last vector
        Map<String, float[]> shipped = ShippedEmbeddings.read(m, bytes);
        assertEquals(Map.of(), shipped);
        m.runs.set(0);
        new EmbeddingCache(m, null, shipped).embed("年报最晚几号交");
        assertEquals(1, m.runs.get());
    }

    @Test
    void aResourceMadeByAnotherVersionOfTheModelIsIgnored() {
        byte[] bytes = resourceFor(new CountingModel(0), List.of("营业执照需要挂在店里吗", "年报最晚几号交"));
        // Same name, different vectors: the probe disagrees.
        assertEquals(Map.of(), ShippedEmbeddings.read(new CountingModel(7), bytes));
    }

    @Test
    void aResourceMadeForAnotherModelNameIsIgnored() {
        Embedder other = new CountingModel(0) {
            @Override
            public String name() {
                return "another-model";
            }
        };
        byte[] bytes = resourceFor(other, List.of("营业执照需要挂在店里吗"));
        assertEquals(Map.of(), ShippedEmbeddings.read(new CountingModel(0), bytes));
    }
}
