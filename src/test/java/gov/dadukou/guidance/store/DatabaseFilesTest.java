package gov.dadukou.guidance.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database's files on disk: who may read them, and what the store reports when writing to them fails.
 * The consent ledger holds names and phone numbers, so no other account on the host may read them.
 */
class DatabaseFilesTest {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String INSERT = "INSERT INTO question_log (at, question, outcome, confidence) VALUES ('t', 'q', 'none', 0)";

    @TempDir
    Path dir;

    @Test
    void theDatabaseAndItsWalAndShmFilesAreReadableByTheOwnerOnlyWhateverTheUmask() throws IOException {
        // The test JVM runs with the usual umask 022, under which SQLite alone makes them rw-r--r--.
        try (Database db = Database.open(dir.resolve("guidance.db"))) {
            db.transaction(c -> c.createStatement().executeUpdate(INSERT));
            for (String name : new String[] {"guidance.db", "guidance.db-wal", "guidance.db-shm"}) {
                assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(dir.resolve(name)), name);
            }
        }
    }

    @Test
    void aDataDirectoryTheServerCreatesIsTheOwnersOnly() throws IOException {
        Path data = dir.resolve("new-data");
        gov.dadukou.guidance.AppConfig.fromEnv(java.util.Map.of("DATA_DIR", data.toString(), "KB_DIR", "knowledge-base"));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(data));
    }

    @Test
    void anExistingDatabaseReadableByOthersIsClosedToThemOnOpen() throws Exception {
        Path file = dir.resolve("guidance.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Database.open(file).close();

        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(file));
    }

    @Test
    void aWriteThatFailsForTheStorageIsReportedUntilALaterWriteSucceeds() {
        try (Database db = Database.open(dir.resolve("guidance.db"))) {
            assertTrue(db.storageFault().isEmpty());
            // From here every write fails with SQLITE_READONLY, as on a file that became read-only.
            db.transaction(c -> c.createStatement().execute("PRAGMA query_only = 1"));

            assertThrows(StorageFaultException.class, () -> db.transaction(c -> c.createStatement().executeUpdate(INSERT)));
            assertEquals(StorageFault.READ_ONLY, db.storageFault().orElseThrow().kind());
            db.transaction(c -> c.createStatement().executeQuery("SELECT count(*) FROM question_log").next());
            assertFalse(db.storageFault().isEmpty(), "a successful read says nothing about writes");

            db.transaction(c -> c.createStatement().execute("PRAGMA query_only = 0"));
            db.transaction(c -> c.createStatement().executeUpdate(INSERT));
            assertTrue(db.storageFault().isEmpty(), "a successful write clears it");
        }
    }

    @Test
    void aStatementRefusedForItsOwnSakeIsNotAStorageFault() {
        try (Database db = Database.open(dir.resolve("guidance.db"))) {
            StoreException e = assertThrows(StoreException.class,
                    () -> db.transaction(c -> c.createStatement().executeUpdate("INSERT INTO no_such_table VALUES (1)")));
            assertFalse(e instanceof StorageFaultException);
            assertTrue(db.storageFault().isEmpty());
        }
    }
}
