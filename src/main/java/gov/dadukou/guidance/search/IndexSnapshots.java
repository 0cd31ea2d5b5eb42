package gov.dadukou.guidance.search;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryCodec;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.util.IOUtils;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The index a start built, kept under the data directory so that the next start with the same inputs opens it
 * instead of analysing every entry again (issue #18: the index was most of a warm start). A snapshot is keyed by a
 * SHA-256 of everything it was built from: the running jar (its size and modification time: the analysers, the stop
 * words and this code are in it), the synonym rules, and every live entry's full content in indexing order. Any
 * change gives another key, so a snapshot is either exactly what a fresh build would give or not used; a start never
 * fails because of one (an unreadable snapshot is rebuilt, one that cannot be written is skipped, both logged).
 *
 * <p>Not running from a jar (tests, an IDE), there is no code identity to key on and snapshots are off unless a test
 * gives one. A snapshot is written to a temporary directory and moved into place whole; older ones are removed.
 * Thread-safe for one process per data directory.
 */
public final class IndexSnapshots {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IndexSnapshots.class);
    /** Changes whenever the files' layout changes. */
    private static final String FORMAT = "guidance-index-snapshot-1";
    private static final String VOCABULARIES = "vocabularies.bin";

    private final Path dir;
    private final String code;

    private IndexSnapshots(Path dir, String code) {
        this.dir = dir;
        this.code = code;
    }

    /** Snapshots under {@code dir}, keyed on the running jar; off when the code is not running from a jar. */
    public static IndexSnapshots in(Path dir) {
        return new IndexSnapshots(dir, runningJar().orElse(null));
    }

    /** Snapshots under {@code dir} for code identified by {@code code} (tests). */
    static IndexSnapshots in(Path dir, String code) {
        return new IndexSnapshots(dir, code);
    }

    /** No snapshots: every start analyses every entry. */
    public static IndexSnapshots off() {
        return new IndexSnapshots(null, null);
    }

    boolean enabled() {
        return dir != null && code != null;
    }

    /** The key of an index of {@code entries}, in this order, built with {@code rewriter}'s rules by this code. */
    String key(Collection<Entry> entries, QueryRewriter rewriter) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(FORMAT, code, rewriter.rulesText())) {
                update(sha, part);
            }
            for (Entry entry : entries) {
                update(sha, EntryCodec.toJson(entry));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static void update(MessageDigest sha, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array()); // so that no two lists hash alike
        sha.update(bytes);
    }

    /** A saved index: its Lucene files (close the directory after use) and the entries' vocabularies. */
    record Snapshot(Directory directory, Map<String, EntryIndex.Vocabulary> vocabularies) {
    }

    /**
     * The snapshot saved under {@code key}, if there is one whose vocabularies are those of exactly {@code ids};
     * empty when there is none or it cannot be read (logged).
     */
    Optional<Snapshot> read(String key, List<String> ids) {
        if (!enabled() || !Files.isDirectory(dir.resolve(key))) {
            return Optional.empty();
        }
        Path at = dir.resolve(key);
        try {
            Map<String, EntryIndex.Vocabulary> vocabularies = readVocabularies(at.resolve(VOCABULARIES));
            if (!List.copyOf(vocabularies.keySet()).equals(ids)) {
                LOG.warn("index snapshot {} holds other entries than the live ones; rebuilding", at);
                return Optional.empty();
            }
            return Optional.of(new Snapshot(FSDirectory.open(at), vocabularies));
        } catch (IOException | RuntimeException e) {
            LOG.warn("index snapshot {} cannot be read; rebuilding", at, e);
            return Optional.empty();
        }
    }

    /**
     * Saves the last commit of {@code index} and {@code vocabularies} (in indexing order) under {@code key}, and
     * removes older snapshots. Failures are logged, never thrown: the next start just builds again.
     */
    void write(String key, Directory index, Map<String, EntryIndex.Vocabulary> vocabularies) {
        if (!enabled() || Files.isDirectory(dir.resolve(key))) {
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempDirectory(dir, "tmp-");
            try (FSDirectory out = FSDirectory.open(tmp)) {
                for (String file : SegmentInfos.readLatestCommit(index).files(true)) {
                    out.copyFrom(index, file, file, IOContext.DEFAULT);
                }
                out.sync(List.of(out.listAll()));
            }
            writeVocabularies(tmp.resolve(VOCABULARIES), vocabularies);
            try {
                Files.move(tmp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                LOG.debug("index snapshot {} not moved into place", key, e);
            }
            removeAllBut(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot save the index snapshot under {}; the next start builds the index again", dir, e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private void removeAllBut(String key) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(p -> !p.getFileName().toString().equals(key)).forEach(IndexSnapshots::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            IOUtils.rm(path);
        } catch (IOException e) {
            LOG.debug("cannot remove {}", path, e);
        }
    }

    private static void writeVocabularies(Path file, Map<String, EntryIndex.Vocabulary> vocabularies) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(FORMAT);
            out.writeInt(vocabularies.size());
            for (Map.Entry<String, EntryIndex.Vocabulary> e : vocabularies.entrySet()) {
                EntryIndex.Vocabulary v = e.getValue();
                out.writeUTF(e.getKey());
                writeStrings(out, v.words());
                writeStrings(out, v.bigrams());
                writeStrings(out, v.phrasings());
                out.writeInt(v.phrasingBigrams().size());
                for (Set<String> bigrams : v.phrasingBigrams()) {
                    writeStrings(out, bigrams);
                }
                out.writeBoolean(v.caseStudy());
                out.writeBoolean(v.overview());
                out.writeBoolean(v.generalOverview());
            }
        }
    }

    private static Map<String, EntryIndex.Vocabulary> readVocabularies(Path file) throws IOException {
        Map<String, String> pool = new HashMap<>(); // one instance per token, as the analysis shares them
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!FORMAT.equals(in.readUTF())) {
                throw new IOException("not a vocabulary file of " + FORMAT);
            }
            int count = in.readInt();
            Map<String, EntryIndex.Vocabulary> out = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String id = in.readUTF();
                Set<String> words = Set.copyOf(readStrings(in, pool));
                Set<String> bigrams = Set.copyOf(readStrings(in, pool));
                List<String> phrasings = readStrings(in, pool);
                int n = in.readInt();
                List<Set<String>> phrasingBigrams = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    phrasingBigrams.add(Set.copyOf(readStrings(in, pool)));
                }
                out.put(id, new EntryIndex.Vocabulary(words, bigrams, phrasings, List.copyOf(phrasingBigrams),
                        in.readBoolean(), in.readBoolean(), in.readBoolean()));
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes after " + count + " vocabularies");
            }
            return out;
        }
    }

    private static void writeStrings(DataOutputStream out, Collection<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInputStream in, Map<String, String> pool) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String s = in.readUTF();
            out.add(pool.computeIfAbsent(s, k -> k));
        }
        return List.copyOf(out);
    }

    /** The running jar's size and modification time; empty when the classes do not come from a jar file. */
    private static Optional<String> runningJar() {
        try {
            var source = IndexSnapshots.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            return Optional.of(jar.getFileName() + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.debug("no code identity for index snapshots", e);
            return Optional.empty();
        }
    }
}
