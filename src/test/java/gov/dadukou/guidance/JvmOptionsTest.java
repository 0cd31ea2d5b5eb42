package gov.dadukou.guidance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image, the systemd unit and {@code bench/run.sh} start the JVM with the same options, so that what the
 * benchmarks measure is what is deployed (docs/benchmarks.md, issue #18).
 */
class JvmOptionsTest {
    static final List<String> EXPECTED = List.of("-Xms64m", "-Xmx256m", "-XX:MaxMetaspaceSize=96m", "-Xss512k",
            "-XX:+UseSerialGC", "-XX:Tier4InvocationThreshold=40000", "-XX:Tier4MinInvocationThreshold=20000",
            "-XX:Tier4CompileThreshold=45000", "-XX:Tier4BackEdgeThreshold=400000");
    /** The scripts' default: {@code JAVA_OPTS=${JAVA_OPTS:-"…"}}. */
    static final String JAVA_OPTS_DEFAULT = "^JAVA_OPTS=\\$\\{JAVA_OPTS:-\"([^\"]+)\"\\}";

    static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertTrue(m.find(), "not found: " + regex);
        return m.group(1);
    }

    static List<String> options(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(o -> o.startsWith("-X")).toList();
    }

    @Test
    void theImageBuildsItsClassArchiveWithTheOptionsItRunsWith() throws IOException {
        String docker = Files.readString(Path.of("Dockerfile"));

        assertEquals(EXPECTED, options(group(docker, "JVM_OPTS=\"([^\"]+)\"")));
        assertTrue(docker.contains("java $JVM_OPTS -XX:ArchiveClassesAtExit=/app/guidance-assistant.jsa -jar /app/guidance-assistant.jar self-test"),
                "the archive is made by the jar's self-test under the run-time options");
        assertEquals("$JVM_OPTS -XX:SharedArchiveFile=/app/guidance-assistant.jsa", group(docker, "ENV JAVA_OPTS=\"([^\"]+)\""));
    }

    @Test
    void theSystemdUnitStartsWithTheImagesOptionsAndItsOwnArchive() throws IOException {
        String unit = Files.readString(Path.of("deploy/systemd/guidance-assistant@.service"));
        List<String> options = options(group(unit, "^ExecStart=/usr/bin/java (.+) -jar "));

        assertEquals(EXPECTED, options.subList(0, options.size() - 1));
        assertEquals("-XX:SharedArchiveFile=/opt/guidance-assistant/guidance-assistant.jsa", options.get(options.size() - 1));
    }

    @Test
    void theBenchmarkStartsTheServerAsTheImageDoes() throws IOException {
        String bench = Files.readString(Path.of("bench/run.sh"));

        assertEquals(EXPECTED, options(group(bench, JAVA_OPTS_DEFAULT)));
        assertTrue(bench.contains("-XX:ArchiveClassesAtExit=\"$WORK/app.jsa\" -jar \"$JAR\" self-test"), "and with an archive made alike");
    }

    @Test
    void theSoakAndCpuCostBenchmarksRunTheImagesOptions() throws IOException {
        assertEquals(EXPECTED, options(group(Files.readString(Path.of("bench/server.sh")), JAVA_OPTS_DEFAULT)));
    }
}
