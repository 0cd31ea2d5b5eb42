package gov.dadukou.guidance;

import gov.dadukou.guidance.http.HttpApp;
import gov.dadukou.guidance.knowledge.KnowledgeBaseException;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** Reads the environment, starts the assistant and serves it. Exit code 2 on a bad configuration or knowledge base. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(Commands.run(args));
        }
        long started = System.nanoTime();
        AppConfig config;
        Assistant assistant;
        try {
            config = AppConfig.fromEnv(System.getenv());
            LOG.info("configuration: {}", config.describe());
            assistant = Assistant.start(config, Clock.systemUTC());
        } catch (AppConfig.ConfigException | KnowledgeBaseException e) {
            System.err.println("启动失败 / start-up failed: " + e.getMessage());
            System.exit(2);
            return;
        }
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
