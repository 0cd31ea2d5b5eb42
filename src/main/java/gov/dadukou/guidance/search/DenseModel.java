package gov.dadukou.guidance.search;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The embedding model with its cache (the data directory's file and the jar's verified vectors), loaded on a
 * thread of its own. Loading it (the ONNX session, the shipped vectors' checksum and probe) takes a second or
 * more of one core, and a start-up has the knowledge base, the database and the lexical index to build
 * meanwhile, none of which needs the model. Whoever needs the model calls {@link #await()}. Thread-safe.
 */
public final class DenseModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DenseModel.class);
    private final CompletableFuture<EmbeddingCache> loading;

    private DenseModel(CompletableFuture<EmbeddingCache> loading) {
        this.loading = loading;
    }

    /**
     * Starts loading bge-small-zh with the cache file {@code cacheFile} (under the data directory) and the jar's
     * shipped vectors, on a daemon thread, and returns at once.
     */
    public static DenseModel loadInBackground(Path cacheFile) {
        return loadInBackground(() -> {
            BgeEmbedder model = new BgeEmbedder();
            return new EmbeddingCache(model, cacheFile, ShippedEmbeddings.fromJar(model));
        });
    }

    /** Starts {@code load} on a daemon thread of its own and returns at once. */
    static DenseModel loadInBackground(Supplier<EmbeddingCache> load) {
        CompletableFuture<EmbeddingCache> loading = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            try {
                loading.complete(load.get());
                LOG.info("embedding model and cache loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | Error e) {
                loading.completeExceptionally(e); // rethrown by await(), on the thread that needs the model
            }
        }, "dense-model-load");
        thread.setDaemon(true);
        thread.start();
        return new DenseModel(loading);
    }

    /** An already loaded model (tools and tests that build the cache themselves). */
    public static DenseModel of(EmbeddingCache cache) {
        return new DenseModel(CompletableFuture.completedFuture(cache));
    }

    /**
     * The model with its cache, waiting for the load to finish. A load that failed throws its own exception here
     * (e.g. onnxruntime's {@link IllegalStateException}), every time.
     */
    public EmbeddingCache await() {
        return joined(loading);
    }

    /** The future's value, waiting for it; when it failed, its own exception (not wrapped in a CompletionException). */
    static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * For a start-up that failed before it needed the model: waits for the load to end, so that no loading thread
     * outlives the failed start, and attaches the load's own failure, if any, to {@code failure} as suppressed.
     */
    public void abandon(Throwable failure) {
        try {
            loading.join();
        } catch (CompletionException e) {
            if (e.getCause() != failure) { // the failure may be the load's own, rethrown by await()
                failure.addSuppressed(e.getCause());
            }
        }
    }
}
