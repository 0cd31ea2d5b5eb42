package gov.dadukou.guidance.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * bge-small-zh-v1.5 (quantized) in-process through onnxruntime, with the model and tokenizer that the
 * langchain4j artifact ships. The ONNX session runs each question on one thread: under concurrent
 * requests, per-question parallelism only adds contention. Questions are compared with phrasings, which
 * are questions too, so no retrieval instruction is prefixed. Thread-safe (ONNX sessions allow
 * concurrent runs).
 */
public final class BgeEmbedder implements Embedder {
    private static final String MODEL = "/bge-small-zh-v1.5-q.onnx";
    private static final String TOKENIZER = "/bge-small-zh-v1.5-q-tokenizer.json";

    private final AbstractInProcessEmbeddingModel model;
    /** One model run per core at a time: more only thrash the caches and queue anyway. */
    private final java.util.concurrent.Semaphore cores =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors());

    public BgeEmbedder() {
        try (InputStream modelStream = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(modelStream.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
            this.model = new AbstractInProcessEmbeddingModel(Runnable::run) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return 512;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model from the jar", e);
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime cannot load the embedding model; set DENSE=off to run without it", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BgeEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("embedding model resource missing from the jar: " + name);
        }
        return in;
    }

    @Override
    public String name() {
        return "bge-small-zh-v15-q";
    }

    @Override
    public float[] embed(String text) {
        float[] v;
        cores.acquireUninterruptibly();
        try {
            v = model.embedAll(List.of(TextSegment.from(text))).content().get(0).vector();
        } finally {
            cores.release();
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
