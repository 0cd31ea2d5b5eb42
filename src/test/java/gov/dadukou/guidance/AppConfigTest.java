package gov.dadukou.guidance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppConfigTest {
    @TempDir
    Path data;

    Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", data.resolve("d").toString());
        env.put("KB_DIR", "knowledge-base");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsApplyAndTheDataDirectoryIsCreated() {
        AppConfig c = AppConfig.fromEnv(env());
        assertEquals(8080, c.port());
        assertTrue(c.dense());
        assertFalse(c.delivery().enabled());
        assertTrue(Files.isDirectory(data.resolve("d")));
    }

    @Test
    void badValuesAreRefusedWithTheVariableNamed() {
        for (String[] bad : List.of(new String[] {"PORT", "abc"}, new String[] {"PORT", "70000"}, new String[] {"DENSE", "maybe"},
                new String[] {"SESSION_TTL_MINUTES", "0"}, new String[] {"WEBHOOK_URL", "ftp://x.example"},
                new String[] {"ALLOWED_ORIGINS", "https://site.example/path"}, new String[] {"KB_DIR", "/no/such/dir"})) {
            AppConfig.ConfigException e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.fromEnv(env(bad[0], bad[1])),
                    bad[0] + "=" + bad[1]);
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }

    @Test
    void theServerExitsWithCode2OnABadValue() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "gov.dadukou.guidance.Main");
        pb.environment().put("PORT", "not-a-port");
        pb.environment().put("DATA_DIR", data.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("PORT"), output);
    }
}
