package gov.dadukou.guidance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.http.HttpApp;
import io.javalin.Javalin;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar guidance-assistant.jar self-test}: starts the whole service once on a temporary data directory
 * and a free loopback port, asks it what a visitor's browser would (the health check, the page, a question), and
 * stops. Exit 0 when every answer is as expected, 1 when one is not, 2 when the service refused to start (the
 * same message as a real start).
 *
 * <p>Two uses. An operator checks a jar and a knowledge base before deploying them, touching no real data: only
 * {@code KB_DIR} and {@code DENSE} are taken from the environment; the database is always a fresh SQLite file,
 * nothing is delivered and no code is sent. And the image build runs it once under
 * {@code -XX:ArchiveClassesAtExit} so that the JVM keeps the classes a start loads in a class-data archive
 * (docs/deployment.md): a start with that archive skips parsing and verifying them (issue #18).
 */
final class SelfTest {
    /** A question the shipped base answers; with another base only its shape is checked. */
    static final String QUESTION = "营业执照要挂在店里吗";

    private SelfTest() {
    }

    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        long started = System.nanoTime();
        try (TempDirectory dataDir = TempDirectory.create("guidance-self-test")) {
            Main.Startup startup = Main.start(environment(env, dataDir.path()), Clock.systemUTC());
            if (startup.assistant() == null) {
                err.println(startup.message());
                return startup.exitCode();
            }
            try (Assistant assistant = startup.assistant()) {
                Javalin app = HttpApp.create(assistant).start();
                try {
                    List<String> problems = visit("http://127.0.0.1:" + app.port());
                    if (!problems.isEmpty()) {
                        problems.forEach(p -> err.println("自检失败 / self-test failed: " + p));
                        return 1;
                    }
                } finally {
                    app.stop();
                }
                out.printf("自检通过 / self-test passed: %d entries, /health, / and /api/chat answered in %d ms%n",
                        assistant.indexedEntries(), (System.nanoTime() - started) / 1_000_000);
                return 0;
            }
        }
    }

    /** The service's environment for the run: the caller's knowledge base and dense setting, nothing else. */
    static Map<String, String> environment(Map<String, String> env, Path dataDir) {
        Map<String, String> own = new HashMap<>();
        for (String kept : List.of("KB_DIR", "DENSE")) {
            if (env.containsKey(kept)) {
                own.put(kept, env.get(kept));
            }
        }
        own.put("DATA_DIR", dataDir.toString());
        own.put("HOST", "127.0.0.1");
        own.put("PORT", "0");
        return own;
    }

    /** What a browser opening the widget and asking one question requests; the problems found, if any. */
    private static List<String> visit(String base) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> problems = new java.util.ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200) {
                problems.add("/health answered " + health.statusCode() + ": " + health.body());
            }
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200 || !page.body().contains("<html")) {
                problems.add("/ answered " + page.statusCode() + " without a page");
            }
            String body = json.writeValueAsString(Map.of("question", QUESTION));
            HttpResponse<String> chat = client.send(HttpRequest.newBuilder(URI.create(base + "/api/chat"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode reply = chat.statusCode() == 200 ? json.readTree(chat.body()) : null;
            if (reply == null || !reply.path("answer").isTextual() || !reply.path("matched").isBoolean()) {
                problems.add("/api/chat answered " + chat.statusCode() + ": " + chat.body());
            }
        } catch (IOException e) {
            problems.add("request failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted");
        }
        return problems;
    }
}
