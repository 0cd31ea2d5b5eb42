package gov.dadukou.guidance.search;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * bge-small-zh-v1.5 (quantized) in-process through onnxruntime. Questions are compared with
 * phrasings, which are questions too, so no retrieval instruction is prefixed. Thread-safe (the ONNX
 * session allows concurrent runs).
 */
public final class BgeEmbedder implements Embedder {
    private final BgeSmallZhV15QuantizedEmbeddingModel model = new BgeSmallZhV15QuantizedEmbeddingModel();

    @Override
    public String name() {
        return "bge-small-zh-v15-q";
    }

    @Override
    public float[] embed(String text) {
        float[] v = model.embed(text).content().vector();
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
