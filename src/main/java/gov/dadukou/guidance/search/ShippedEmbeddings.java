package gov.dadukou.guidance.search;

import gov.dadukou.guidance.Hashing;
import gov.dadukou.guidance.knowledge.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrasing embeddings of the shipped knowledge base, computed once and carried in the jar
 * ({@code /embeddings/MODEL.bin}), so that a first start on an empty data directory does not run the
 * model over every phrasing (13 s of a loaded 2-core machine). Keyed like {@link EmbeddingCache}: the
 * SHA-256 of model name and text, so a phrasing that changed since the resource was made simply misses
 * and is embedded as before.
 *
 * <p>Verified at load, else ignored whole (the vectors are then computed, as without it): the format
 * and the model name must match, a SHA-256 over the whole content must match (a damaged or edited
 * vector is refused), and one probe text stored with its vector is embedded again and must agree
 * (cosine ≥ {@link #PROBE_AGREEMENT}), so that vectors of another model or model version under the
 * same name are never mixed with fresh ones. Regenerated with {@code java -jar guidance-assistant.jar
 * embeddings-resource} after the knowledge base changes. Stateless; thread-safe.
 */
public final class ShippedEmbeddings {
    private static final Logger LOG = LoggerFactory.getLogger(ShippedEmbeddings.class);
    private static final String MAGIC = "guidance-embeddings-v1";
    /** Same model, same runtime: equal to rounding; another model or version is far below. */
    static final double PROBE_AGREEMENT = 0.9999;

    private ShippedEmbeddings() {
    }

    /** The classpath resource holding {@code model}'s vectors. */
    public static String resource(String model) {
        return "/embeddings/" + model + ".bin";
    }

    /** The verified vectors of the jar's resource for {@code model}, by key; empty when absent or refused. */
    public static Map<String, float[]> fromJar(Embedder model) {
        try (InputStream in = ShippedEmbeddings.class.getResourceAsStream(resource(model.name()))) {
            if (in == null) {
                LOG.info("no shipped embeddings for {}: every phrasing is embedded at start", model.name());
                return Map.of();
            }
            return read(model, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped embeddings from the jar", e);
        }
    }

    /** The verified vectors of {@code bytes} for {@code model}, by key; empty (with a warning) when refused. */
    static Map<String, float[]> read(Embedder model, byte[] bytes) {
        try {
            return parse(model, bytes);
        } catch (RefusedException | IOException e) {
            LOG.warn("shipped embeddings ignored ({}); the phrasings are embedded at start", e.getMessage());
            return Map.of();
        }
    }

    private static Map<String, float[]> parse(Embedder model, byte[] bytes) throws IOException, RefusedException {
        if (bytes.length < 32) {
            throw new RefusedException("too short");
        }
        byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
        byte[] digest = Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
        if (!MessageDigest.isEqual(Hashing.sha256().digest(body), digest)) {
            throw new RefusedException("checksum mismatch: damaged or edited");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        if (!MAGIC.equals(in.readUTF())) {
            throw new RefusedException("unknown format");
        }
        String name = in.readUTF();
        if (!name.equals(model.name())) {
            throw new RefusedException("made for model " + name + ", not " + model.name());
        }
        String probeText = in.readUTF();
        float[] probe = readVector(in);
        double agreement = DenseIndex.dot(probe, model.embed(probeText));
        if (agreement < PROBE_AGREEMENT) {
            throw new RefusedException("the model no longer gives the stored vectors (probe cosine " + agreement + ")");
        }
        int count = in.readInt();
        Map<String, float[]> vectors = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            vectors.put(in.readUTF(), readVector(in));
        }
        return vectors;
    }

    private static float[] readVector(DataInputStream in) throws IOException {
        float[] v = new float[in.readShort()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    /** The texts the index embeds for {@code entries} (each phrasing and the title, normalized), in order. */
    public static List<String> texts(Collection<Entry> entries) {
        Set<String> texts = new LinkedHashSet<>();
        for (Entry entry : entries) {
            texts.addAll(EntryAnalysis.phrasings(entry));
        }
        return List.copyOf(texts);
    }

    /** Embeds every text of {@code entries} with {@code model} and writes the resource to {@code file}. */
    public static int generate(Embedder model, Collection<Entry> entries, Path file) {
        List<String> texts = texts(entries);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        texts.parallelStream().forEach(text -> {
            float[] v = model.embed(text);
            synchronized (vectors) {
                vectors.put(EmbeddingCache.key(model.name(), text), v);
            }
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, bytes(model.name(), texts.get(0), model.embed(texts.get(0)), sortedByKey(vectors)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return vectors.size();
    }

    private static Map<String, float[]> sortedByKey(Map<String, float[]> vectors) {
        Map<String, float[]> sorted = new LinkedHashMap<>();
        vectors.keySet().stream().sorted().forEach(k -> sorted.put(k, vectors.get(k)));
        return sorted;
    }

    /** The resource's bytes: header, probe, vectors by key, then the SHA-256 of all that. */
    static byte[] bytes(String model, String probeText, float[] probe, Map<String, float[]> vectors) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.writeUTF(MAGIC);
            out.writeUTF(model);
            out.writeUTF(probeText);
            writeVector(out, probe);
            out.writeInt(vectors.size());
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                out.writeUTF(e.getKey());
                writeVector(out, e.getValue());
            }
            out.flush();
            byte[] body = buffer.toByteArray();
            buffer.write(Hashing.sha256().digest(body));
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeVector(DataOutputStream out, float[] v) throws IOException {
        out.writeShort(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    /** Why a resource was refused; never leaves this class. */
    private static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }
}
