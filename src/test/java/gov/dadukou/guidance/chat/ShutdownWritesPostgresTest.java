package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.PostgresServer;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.store.PostgresSettings;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class ShutdownWritesPostgresTest extends ShutdownWritesTest {
    @RegisterExtension
    static final PostgresServer.Fresh pg = PostgresServer.freshDatabaseEachTest();
    @TempDir
    Path dir;

    @Override
    AppConfig config() {
        PostgresServer.Database db = pg.database();
        return AppConfig.forDirs(dir, TestServer.SHIPPED_KB).withDense(false)
                .withDatabase(new PostgresSettings(db.url(), db.user(), db.password(), 4));
    }
}
