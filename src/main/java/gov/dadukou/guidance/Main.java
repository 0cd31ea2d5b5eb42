package gov.dadukou.guidance;

import gov.dadukou.guidance.http.HttpApp;
import gov.dadukou.guidance.knowledge.KnowledgeBaseException;
import gov.dadukou.guidance.store.DatabaseLostException;
import gov.dadukou.guidance.store.StorageFaultException;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * Reads the environment, starts the assistant and serves it. Exit code 2 on a bad configuration, an invalid
 * knowledge base, or a database that cannot be used (not writable, corrupt, or lost since it held data).
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** README's promise for anything the operator must fix before the service can start. */
    static final int EXIT_STARTUP_REFUSED = 2;

    private Main() {
    }

    /**
     * What start-up came to: either the running assistant (exit code 0, no message), or no assistant, the
     * exit code and the message for the operator.
     */
    record Startup(Assistant assistant, int exitCode, String message) {
        static Startup refused(String message) {
            return new Startup(null, EXIT_STARTUP_REFUSED, "启动失败 / start-up failed: " + message);
        }
    }

    /**
     * Reads the configuration from {@code env} and starts the assistant (without HTTP). Every failure the
     * operator can fix is returned as exit code 2 with a message naming what to fix; anything else is a bug
     * and propagates. The only place that decides the server's start-up exit code, so tests call it.
     */
    static Startup start(Map<String, String> env, Clock clock) {
        try {
            AppConfig config = AppConfig.fromEnv(env);
            LOG.info("configuration: {}", config.describe());
            return new Startup(Assistant.start(config, clock), 0, null);
        } catch (AppConfig.ConfigException | KnowledgeBaseException | StorageFaultException | DatabaseLostException e) {
            return Startup.refused(e.getMessage());
        }
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(Commands.run(args));
        }
        long started = System.nanoTime();
        Startup startup = start(System.getenv(), Clock.systemUTC());
        if (startup.assistant() == null) {
            System.err.println(startup.message());
            System.exit(startup.exitCode());
            return;
        }
        Assistant assistant = startup.assistant();
        Javalin app = HttpApp.create(assistant).start();
        assistant.startDeliveries();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            assistant.close();
        }, "shutdown"));
        LOG.info("ready on port {} with {} entries (knowledge base {}) in {} ms", app.port(),
                assistant.indexedEntries(), assistant.knowledgeBase().version(), (System.nanoTime() - started) / 1_000_000);
    }
}
