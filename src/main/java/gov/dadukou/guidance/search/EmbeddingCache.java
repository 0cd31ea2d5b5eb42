package gov.dadukou.guidance.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers embeddings by the SHA-256 of model name and text, in memory and in one file under the data
 * directory, so that a restart does not embed the whole knowledge base again. {@link #flush()} appends the
 * new vectors to the file; a cut last record is dropped at load, a file damaged otherwise is ignored (the
 * vectors are recomputed). Vectors shipped
 * in the jar ({@link ShippedEmbeddings}, already verified) fill in what the file lacks, so that a first
 * start embeds only phrasings that changed since the jar was built. Thread-safe.
 */
public final class EmbeddingCache implements Embedder {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);

    private final Embedder delegate;
    private final Path file;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    /** Recent questions: popular questions repeat, and each costs about a millisecond of CPU to embed. */
    private final Map<String, float[]> recentQuestions = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                    return size() > RECENT_QUESTIONS;
                }
            });
    private static final int RECENT_QUESTIONS = 4096;
    /** Keys computed here and not yet appended to the file, in the order computed. */
    private final java.util.Queue<String> unsaved = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public EmbeddingCache(Embedder delegate, Path file) {
        this(delegate, file, Map.of());
    }

    /**
     * @param shipped verified vectors by {@link #key(String, String)} (see {@link ShippedEmbeddings}),
     *                used for texts the file does not hold
     */
    public EmbeddingCache(Embedder delegate, Path file, Map<String, float[]> shipped) {
        this.delegate = delegate;
        this.file = file;
        load();
        shipped.forEach(vectors::putIfAbsent);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public float[] embed(String text) {
        String key = key(text);
        float[] v = vectors.get(key);
        if (v == null) {
            v = delegate.embed(text);
            if (vectors.putIfAbsent(key, v) == null) {
                unsaved.add(key);
            }
        }
        return v;
    }

    /**
     * Embeds a question. Kept only in a bounded memory of recent questions, never on disk: questions
     * are many, and nothing a business typed is written down here.
     */
    public float[] embedQuestion(String text) {
        float[] v = vectors.get(key(text));
        if (v != null) {
            return v;
        }
        v = recentQuestions.get(text);
        if (v == null) {
            v = delegate.embed(text);
            recentQuestions.put(text, v);
        }
        return v;
    }

    /**
     * Appends the vectors computed since the last flush to the file (creating it): a publication adds a vector or
     * two, and rewriting every vector of a large base for them took most of a publish's time (40 MB at 2,500
     * entries). The shipped vectors are not copied there: the jar carries them. A crash in the middle of an append
     * leaves a cut last record, which the next {@link #load()} cuts off.
     */
    public synchronized void flush() {
        if (unsaved.isEmpty() || file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), 1 << 16))) {
                for (String key = unsaved.poll(); key != null; key = unsaved.poll()) {
                    float[] v = vectors.get(key);
                    out.writeUTF(key);
                    out.writeShort(v.length);
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding cache " + file, e);
        }
    }

    private void load() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        long complete = 0; // bytes of the records read whole
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                String key;
                try {
                    key = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                float[] v = new float[in.readShort()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                vectors.put(key, v);
                complete += 2 + key.length() + 2 + 4L * v.length; // keys are hex: one byte a character
            }
        } catch (EOFException cut) {
            cutTo(complete);
        } catch (IOException e) {
            LOG.warn("embedding cache {} unreadable ({}); vectors will be recomputed", file, e.toString());
            vectors.clear();
        }
    }

    /** Drops an append cut short (a crash while flushing), so that later appends follow whole records. */
    private void cutTo(long complete) {
        LOG.warn("embedding cache {} ends in a cut record (a flush interrupted); keeping the {} vectors before it", file,
                vectors.size());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(complete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the damaged end of the embedding cache " + file, e);
        }
    }

    private String key(String text) {
        return key(delegate.name(), text);
    }

    /** The key of {@code text}'s vector under {@code model}: hex SHA-256 of the model name, a zero byte, the text. */
    static String key(String model, String text) {
        MessageDigest md = gov.dadukou.guidance.Hashing.sha256();
        md.update(model.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
