package gov.dadukou.guidance;

import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary directory that the tools (eval, explain, self-test) start a throw-away assistant in, deleted with
 * everything in it (a database, an embedding cache) on {@link #close()}. {@code File.deleteOnExit} would not do:
 * it deletes only an empty directory. Not thread-safe; one owner.
 */
final class TempDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TempDirectory.class);
    private final Path path;

    private TempDirectory(Path path) {
        this.path = path;
    }

    /** A new directory under {@code java.io.tmpdir} whose name starts with {@code prefix}. */
    static TempDirectory create(String prefix) {
        try {
            return new TempDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    Path path() {
        return path;
    }

    /** Deletes the directory and its contents; what cannot be deleted is logged, not thrown (the work is done). */
    @Override
    public void close() {
        try {
            IOUtils.rm(path);
        } catch (IOException e) {
            LOG.warn("could not delete the temporary directory {}: {}", path, e.toString());
        }
    }
}
