package gov.dadukou.guidance;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * "The shipped assistant on a temp dir", once per test class, without HTTP:
 * {@code @RegisterExtension static final ShippedAssistant shipped = new ShippedAssistant();} then
 * {@code shipped.get()}. The data directory is made before the class and deleted after it.
 */
public final class ShippedAssistant implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private Assistant assistant;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("guidance-test");
        assistant = Assistant.start(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB), Clock.systemUTC());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        assistant.close();
        TestDirs.delete(dataDir);
    }

    /** The running assistant; only between the class's before-all and after-all. */
    public Assistant get() {
        if (assistant == null) {
            throw new IllegalStateException("the assistant starts before the test class runs");
        }
        return assistant;
    }
}
