package gov.dadukou.guidance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar … self-test}: the whole service once on a temporary directory, asked what a browser asks. */
class SelfTestCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run selfTest(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Commands.run(new String[] {"self-test"}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static long leftoverDirectories() throws IOException {
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return temp.filter(p -> p.getFileName().toString().startsWith("guidance-self-test")).count();
        }
    }

    @Test
    void theShippedBasePassesAndNothingIsLeftBehind() throws IOException {
        long before = leftoverDirectories();

        Run run = selfTest(Map.of("KB_DIR", TestServer.SHIPPED_KB.toAbsolutePath().toString(), "DENSE", "off"));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("自检通过 / self-test passed"), run.out());
        assertTrue(run.out().matches("(?s).*passed: \\d{3,} entries.*"), "the shipped base has hundreds of entries: " + run.out());
        assertEquals(before, leftoverDirectories(), "the temporary data directory is deleted");
    }

    @Test
    void aBaseTheServiceRefusesExitsTwoWithTheStartUpMessage() throws IOException {
        Path kb = Files.createDirectories(dir.resolve("kb"));
        Files.writeString(kb.resolve("broken.md"), "---\nid: broken\n---\nno title, no questions, no answer\n");

        Run run = selfTest(Map.of("KB_DIR", kb.toString(), "DENSE", "off"));

        assertEquals(2, run.exit(), run.out());
        assertTrue(run.err().contains("启动失败 / start-up failed"), run.err());
    }

    @Test
    void theRunUsesItsOwnDataAndNoneOfTheOperatorsDatabaseOrChannels() {
        Map<String, String> own = SelfTest.environment(Map.of(
                "KB_DIR", "/srv/kb", "DENSE", "off", "DATA_DIR", "/var/lib/guidance",
                "DATABASE_URL", "jdbc:postgresql://db/guidance", "WEBHOOK_URL", "https://example.invalid/hook",
                "CODE_WEBHOOK_URL", "https://example.invalid/sms", "PORT", "8080"), dir);

        assertEquals(Map.of("KB_DIR", "/srv/kb", "DENSE", "off", "DATA_DIR", dir.toString(),
                "HOST", "127.0.0.1", "PORT", "0"), own);
    }
}
