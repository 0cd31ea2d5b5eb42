package gov.dadukou.guidance.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
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
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * bge-small-zh-v1.5 (quantized) in-process through onnxruntime, with the model and tokenizer that the
 * langchain4j artifact ships. The ONNX session runs each question on one thread: under concurrent
 * requests, per-question parallelism only adds contention. Questions are compared with phrasings, which
 * are questions too, so no retrieval instruction is prefixed. Thread-safe (ONNX sessions and the
 * tokenizer allow concurrent use).
 *
 * <p>A text is tokenized once and run on the session directly. langchain4j's encoder, which the vectors
 * were first made with, tokenizes each text three times and detokenizes it once (to split long texts),
 * which cost 14 % of an embedding's CPU here (docs/benchmarks.md, issue #18); for a text of plain tokens
 * (no word pieces, no special or unknown tokens, under the length limit) it feeds the model the very
 * same ids, so the vectors are the same to the bit. Any other text still goes through langchain4j's encoder, so no
 * vector changes (BgeEmbedderTest compares the two on the knowledge base and odd texts).
 *
 * <p>Not batched: the model quantizes its activations with one scale per run, so a question's vector
 * would depend on the questions it shares a run with (docs/benchmarks.md, issue #18).
 */
public final class BgeEmbedder implements Embedder {
    private static final String MODEL = "/bge-small-zh-v1.5-q.onnx";
    private static final String TOKENIZER = "/bge-small-zh-v1.5-q-tokenizer.json";
    private static final int DIMENSION = 512;
    /** Longest input of the model, [CLS] and [SEP] included; longer texts are split by langchain4j. */
    private static final int MAX_TOKENS = 512;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    /** langchain4j's encoder on the same session: the reference, and the path for texts not plain. */
    private final AbstractInProcessEmbeddingModel reference;
    /** One model run per core at a time: more only thrash the caches and queue anyway. */
    private final Semaphore cores = new Semaphore(Runtime.getRuntime().availableProcessors());

    public BgeEmbedder() {
        try (InputStream modelStream = resource(MODEL); InputStream tokenizerJson = resource(TOKENIZER)) {
            this.env = OrtEnvironment.getEnvironment();
            OnnxRuntimeTempDir.remove();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(modelStream.readAllBytes(), options);
            byte[] tokenizerBytes = tokenizerJson.readAllBytes();
            // The options langchain4j's encoder uses, so that both tokenize alike.
            this.tokenizer = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(tokenizerBytes),
                    Map.of("padding", "false"));
            this.typeIds = session.getInputNames().contains("token_type_ids");
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session,
                    new java.io.ByteArrayInputStream(tokenizerBytes), PoolingMode.CLS);
            this.reference = new AbstractInProcessEmbeddingModel(Runnable::run) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return DIMENSION;
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
        Encoding encoding = tokenizer.encode(text, true, false);
        float[] v;
        cores.acquireUninterruptibly();
        try {
            v = plain(encoding) ? run(encoding.getIds()) : viaLangchain4j(text);
        } finally {
            cores.release();
        }
        return unit(v);
    }

    /** The vector langchain4j's encoder gives (normalized once by it); for tests and odd texts. */
    float[] viaLangchain4j(String text) {
        return reference.embedAll(List.of(TextSegment.from(text))).content().get(0).vector();
    }

    /** Whether {@code text} is run on the session directly (for tests). */
    boolean direct(String text) {
        return plain(tokenizer.encode(text, true, false));
    }

    /**
     * Whether langchain4j's encoder would feed the model exactly these ids: its detokenize-retokenize
     * round trip is the identity for whole tokens, and one part needs no split.
     */
    static boolean plain(Encoding encoding) {
        String[] tokens = encoding.getTokens();
        if (tokens.length <= 2 || tokens.length >= MAX_TOKENS) {
            return false; // empty (langchain4j refuses it) or possibly truncated or split
        }
        for (int i = 1; i < tokens.length - 1; i++) {
            String t = tokens[i];
            if (t.startsWith("##") || (t.startsWith("[") && t.endsWith("]") && t.length() > 2)) {
                return false; // a word piece, or [UNK] and the like
            }
        }
        return true;
    }

    /** The [CLS] row of the last hidden state, normalized as langchain4j's encoder does it. */
    float[] run(long[] ids) {
        long[] shape = {1, ids.length};
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape)) {
            inputs.put("input_ids", idTensor);
            inputs.put("attention_mask", maskTensor);
            if (typeIds) {
                inputs.put("token_type_ids", typeTensor);
            }
            try (OrtSession.Result result = session.run(inputs, Set.of("last_hidden_state"))) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] cls = new float[DIMENSION];
                hidden.get(cls);
                return langchain4jNormalized(cls);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed on a text of " + ids.length + " tokens", e);
        }
    }

    /** langchain4j's normalization, operation for operation (float sums), so that the bits agree. */
    private static float[] langchain4jNormalized(float[] v) {
        float sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    static float[] unit(float[] v) {
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
