package gov.dadukou.guidance.search;

import org.apache.lucene.util.IOUtils;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Removes the directory onnxruntime extracts its native libraries into. onnxruntime 1.23 creates a fresh
 * {@code onnxruntime-java*} directory under {@code java.io.tmpdir} on every start and only marks it and the
 * libraries in it for deletion at exit, the directory first: at exit the directory is not yet empty, so every
 * process that ever loaded the model leaves an empty directory behind (hundreds on a test machine). Once the
 * libraries are loaded they are mapped into the process, and on Linux their files can go at once.
 *
 * <p>The directory is onnxruntime's private field; when a later version renames it, nothing is removed and
 * {@code OnnxRuntimeTempDirTest} fails, so that the upgrade looks at this again. Thread-safe (stateless).
 */
final class OnnxRuntimeTempDir {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OnnxRuntimeTempDir.class);

    private OnnxRuntimeTempDir() {
    }

    /** The directory this process's onnxruntime extracted into; empty before it loaded or if it cannot be read. */
    static Optional<Path> path() {
        try {
            Field field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            field.setAccessible(true);
            return Optional.ofNullable((Path) field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("onnxruntime's extraction directory is not readable", e);
            return Optional.empty();
        }
    }

    /** Deletes the extraction directory and the libraries in it; call after onnxruntime has loaded them. */
    static void remove() {
        path().filter(Files::isDirectory).ifPresent(dir -> {
            try {
                IOUtils.rm(dir);
            } catch (IOException e) {
                // Where a loaded library cannot be deleted (not on Linux), onnxruntime's own clean-up at exit remains.
                LOG.debug("cannot remove onnxruntime's extraction directory {}", dir, e);
            }
        });
    }
}
