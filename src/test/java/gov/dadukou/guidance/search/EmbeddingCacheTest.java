package gov.dadukou.guidance.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EmbeddingCacheTest {
    /** A model that counts its runs; a text's vector is its length and first character. */
    static final class CountingModel implements Embedder {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public float[] embed(String text) {
            runs.incrementAndGet();
            return new float[] {text.length(), text.charAt(0), 1};
        }
    }

    @TempDir
    Path dir;

    @Test
    void vectorsFlushedInTwoRoundsAreAllReadBackWithoutRunningTheModel() {
        Path file = dir.resolve("cache").resolve("embeddings.bin");
        EmbeddingCache first = new EmbeddingCache(new CountingModel(), file);
        first.embed("营业执照要挂出来吗");
        first.flush();
        first.embed("年报最晚几号交");
        first.embed("营业执照要挂出来吗");
        first.flush();

        CountingModel model = new CountingModel();
        EmbeddingCache again = new EmbeddingCache(model, file);
        assertArrayEquals(new float[] {9, '营', 1}, again.embed("营业执照要挂出来吗"));
        assertArrayEquals(new float[] {7, '年', 1}, again.embed("年报最晚几号交"));
        assertEquals(0, model.runs.get());
    }

    @Test
    void aFlushCutShortLosesOnlyItsLastVectorAndLaterFlushesFollowWholeRecords() throws IOException {
        Path file = dir.resolve("embeddings.bin");
        EmbeddingCache first = new EmbeddingCache(new CountingModel(), file);
        first.embed("营业执照要挂出来吗");
        first.embed("年报最晚几号交");
        first.flush();
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) - 5)); // a crash mid-append

        CountingModel model = new CountingModel();
        EmbeddingCache cut = new EmbeddingCache(model, file);
        cut.embed("营业执照要挂出来吗");
        cut.embed("年报最晚几号交");
        assertEquals(1, model.runs.get()); // the first record survived, the cut one is computed again
        cut.flush();

        CountingModel third = new CountingModel();
        EmbeddingCache whole = new EmbeddingCache(third, file);
        assertArrayEquals(new float[] {7, '年', 1}, whole.embed("年报最晚几号交"));
        whole.embed("营业执照要挂出来吗");
        assertEquals(0, third.runs.get());
    }
}
