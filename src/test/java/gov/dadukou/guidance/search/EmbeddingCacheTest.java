package gov.dadukou.guidance.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EmbeddingCacheTest {
    private static final ShippedEmbeddingsTest.CountingModel EXPECTED = new ShippedEmbeddingsTest.CountingModel(0);

    @TempDir
    Path dir;

    @Test
    void vectorsFlushedInTwoRoundsAreAllReadBackWithoutRunningTheModel() {
        Path file = dir.resolve("cache").resolve("embeddings.bin");
        EmbeddingCache first = new EmbeddingCache(new ShippedEmbeddingsTest.CountingModel(0), file);
        first.embed("营业执照要挂出来吗");
        first.flush();
        first.embed("年报最晚几号交");
        first.embed("营业执照要挂出来吗");
        first.flush();

        ShippedEmbeddingsTest.CountingModel model = new ShippedEmbeddingsTest.CountingModel(0);
        EmbeddingCache again = new EmbeddingCache(model, file);
        assertArrayEquals(EXPECTED.embed("营业执照要挂出来吗"), again.embed("营业执照要挂出来吗"));
        assertArrayEquals(EXPECTED.embed("年报最晚几号交"), again.embed("年报最晚几号交"));
        assertEquals(0, model.runs.get());
    }

    @Test
    void aFlushCutShortLosesOnlyItsLastVectorAndLaterFlushesFollowWholeRecords() throws IOException {
        Path file = dir.resolve("embeddings.bin");
        EmbeddingCache first = new EmbeddingCache(new ShippedEmbeddingsTest.CountingModel(0), file);
        first.embed("营业执照要挂出来吗");
        first.embed("年报最晚几号交");
        first.flush();
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) - 5)); // a crash mid-append

        ShippedEmbeddingsTest.CountingModel model = new ShippedEmbeddingsTest.CountingModel(0);
        EmbeddingCache cut = new EmbeddingCache(model, file);
        cut.embed("营业执照要挂出来吗");
        cut.embed("年报最晚几号交");
        assertEquals(1, model.runs.get()); // the first record survived, the cut one is computed again
        cut.flush();

        ShippedEmbeddingsTest.CountingModel third = new ShippedEmbeddingsTest.CountingModel(0);
        EmbeddingCache whole = new EmbeddingCache(third, file);
        assertArrayEquals(EXPECTED.embed("年报最晚几号交"), whole.embed("年报最晚几号交"));
        whole.embed("营业执照要挂出来吗");
        assertEquals(0, third.runs.get());
    }
}
