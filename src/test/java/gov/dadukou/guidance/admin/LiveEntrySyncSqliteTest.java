package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link LiveEntrySyncTest} on SQLite (one file; two instances are simulated on its one connection). */
class LiveEntrySyncSqliteTest extends LiveEntrySyncTest {
    @TempDir
    Path dir;
    private int opened;

    @Override
    Database open() {
        return Database.open(dir.resolve("live-" + opened++ + ".db"));
    }
}
