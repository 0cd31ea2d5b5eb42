package gov.dadukou.guidance.search;

/**
 * Turns a text into a unit-length vector whose dot product with another measures similarity of
 * meaning. Implementations must be thread-safe.
 */
public interface Embedder {
    /** A short, stable name of the model, used to key cached vectors. */
    String name();

    /** The embedding of already-normalized text, L2-normalized. */
    float[] embed(String text);
}
