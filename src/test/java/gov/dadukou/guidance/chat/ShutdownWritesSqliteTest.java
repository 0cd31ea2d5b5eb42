package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class ShutdownWritesSqliteTest extends ShutdownWritesTest {
    @TempDir
    Path dir;

    @Override
    AppConfig config() {
        return AppConfig.forDirs(dir, TestServer.SHIPPED_KB).withDense(false);
    }
}
