package gov.dadukou.guidance;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * "The assistant on a temp dir, over HTTP", once per test class:
 * {@code @RegisterExtension static final ShippedServer shipped = ShippedServer.lexical();} then
 * {@code shipped.get().post(...)}. The shipped knowledge base, rate limits off, the system clock; the data
 * directory is made before the class and deleted after it. Tests that need another clock or configuration per
 * test build their own {@link TestServer}.
 */
public final class ShippedServer implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<AppConfig> configure;
    private Path dataDir;
    private TestServer server;

    private ShippedServer(UnaryOperator<AppConfig> configure) {
        this.configure = configure;
    }

    /** Lexical and dense retrieval, as the assistant ships. */
    public static ShippedServer withDense() {
        return new ShippedServer(UnaryOperator.identity());
    }

    /** Lexical retrieval only: starts faster, for tests of everything but answer quality. */
    public static ShippedServer lexical() {
        return new ShippedServer(c -> c.withDense(false));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("guidance-test");
        server = new TestServer(configure.apply(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB)), Clock.systemUTC());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            server.close();
        } finally {
            TestDirs.delete(dataDir);
        }
    }

    /** The running server; only between the class's before-all and after-all. */
    public TestServer get() {
        if (server == null) {
            throw new IllegalStateException("the server starts before the test class runs");
        }
        return server;
    }
}
