package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class DatabaseSessionsSqliteTest extends DatabaseSessionsTest {
    @TempDir
    Path dir;
    private int opened;

    @Override
    Database open() {
        return Database.open(dir.resolve("sessions-" + opened++ + ".db"));
    }
}
