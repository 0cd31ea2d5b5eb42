package gov.dadukou.guidance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tools' throw-away data directories (eval, explain, self-test) leave nothing behind. */
class TempDirectoryTest {
    @Test
    void closingDeletesTheDirectoryWithADatabaseAndACacheInIt() throws IOException {
        Path path;
        try (TempDirectory dir = TempDirectory.create("guidance-test")) {
            path = dir.path();
            Files.writeString(path.resolve("guidance.db"), "database");
            Files.createDirectories(path.resolve("cache"));
            Files.write(path.resolve("cache").resolve("embeddings.bin"), new byte[1024]);
            assertTrue(path.getFileName().toString().startsWith("guidance-test"));
        }

        assertFalse(Files.exists(path), "deleted with everything in it");
    }

    @Test
    void aDirectoryAlreadyGoneIsNoError() throws IOException {
        TempDirectory dir = TempDirectory.create("guidance-test");
        Files.delete(dir.path());

        dir.close();

        assertFalse(Files.exists(dir.path()));
    }
}
