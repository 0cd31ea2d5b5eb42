package gov.dadukou.guidance;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server does at start-up with a database it cannot trust: exit code 2 and a message naming
 * the file and what to do, never a stack trace, never a silently fresh ledger. Calls {@link Main#start},
 * the function that decides the exit code, with a temporary data directory.
 */
class StorageStartupTest {
    @TempDir
    Path data;
    /** One entry: what is under test is the database, and the shipped base would make each start take seconds. */
    @TempDir
    Path kb;

    @BeforeEach
    void oneEntryKnowledgeBase() throws IOException {
        Files.createDirectories(kb.resolve("entries"));
        Files.writeString(kb.resolve("departments.yaml"), "departments:\n  - name: 区市场监管局\n    contact: 12345政务服务便民热线\n");
        Files.writeString(kb.resolve("topics.yaml"), "topics: [登记注册]\n");
        Files.writeString(kb.resolve("entries/a.yaml"), """
                entries:
                  - id: scjg-test-entry
                    kind: 法规解读
                    title: 营业执照应当放在醒目位置
                    questions: [营业执照要挂出来吗, 执照必须摆出来吗, 执照放抽屉行不行, 营业直照要挂墙上吗]
                    answer: 要挂出来。
                    department: 区市场监管局
                    legalBasis:
                      - law: 市场主体登记管理条例
                        article: 第三十六条
                    reviewed: 2026-11-27
                """);
    }

    @Test
    void aDatabaseOfGarbageBytesStopsStartUpWithExitCode2NamingTheFileAndWhatToDo() throws IOException {
        byte[] garbage = new byte[16_384];
        new Random(7).nextBytes(garbage);
        Files.write(db(), garbage);

        Main.Startup startup = Main.start(env(), Clock.systemUTC());

        assertRefused(startup);
        assertTrue(startup.message().contains("备份"), startup.message()); // what to do: restore from a backup
    }

    @Test
    void aDatabaseThatCannotBeWrittenStopsStartUpWithExitCode2NamingTheFile() throws IOException {
        startAndStop(env());
        makeReadOnly(db());

        Main.Startup startup = Main.start(env(), Clock.systemUTC());

        assertRefused(startup);
        assertTrue(startup.message().contains("不可写") && startup.message().contains("not writable"), startup.message());
    }

    @Test
    void anEmptiedDatabaseWhereThereWasDataStopsStartUpInsteadOfReseeding() throws IOException {
        startAndStop(env());
        Files.write(db(), new byte[0]); // a bad restore, a full disk during a copy …

        Main.Startup startup = Main.start(env(), Clock.systemUTC());

        assertRefused(startup);
        assertTrue(startup.message().contains("ALLOW_EMPTY_DATABASE"), startup.message());
        assertEquals(0, Files.size(db()), "the evidence is left as it was");
    }

    @Test
    void aMissingDatabaseWhereThereWasDataStopsStartUpInsteadOfReseeding() throws IOException {
        startAndStop(env());
        Files.delete(db());

        Main.Startup startup = Main.start(env(), Clock.systemUTC());

        assertRefused(startup);
        assertTrue(startup.message().contains("ALLOW_EMPTY_DATABASE"), startup.message());
    }

    @Test
    void theOperatorMayStartAfreshOnPurposeWithAllowEmptyDatabase() throws IOException {
        startAndStop(env());
        Files.write(db(), new byte[0]);

        Main.Startup startup = Main.start(env("ALLOW_EMPTY_DATABASE", "1"), Clock.systemUTC());
        try {
            assertNotNull(startup.assistant(), startup.message());
            assertEquals(1, startup.assistant().indexedEntries(), "re-seeded from the files");
        } finally {
            startup.assistant().close();
        }
        startAndStop(env()); // and from then on the fresh database is the one that must not vanish
    }

    @Test
    void aFirstStartInAnEmptyDataDirectoryNeedsNoFlag() {
        startAndStop(env());
        startAndStop(env());
    }

    @Test
    void allowEmptyDatabaseTakesOnlyOneOrZero() {
        Main.Startup startup = Main.start(env("ALLOW_EMPTY_DATABASE", "yes"), Clock.systemUTC());
        assertNull(startup.assistant());
        assertEquals(2, startup.exitCode());
        assertTrue(startup.message().contains("ALLOW_EMPTY_DATABASE"), startup.message());
    }

    @Test
    void anUnreachablePostgresServerStopsStartUpWithExitCode2NamingTheUrlAndWhatToCheck() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/guidance";
        Main.Startup startup = Main.start(env("DATABASE_URL", url, "DATABASE_USER", "guidance", "DATABASE_PASSWORD", "secret-pw"),
                Clock.systemUTC());
        assertNull(startup.assistant());
        assertEquals(2, startup.exitCode());
        assertTrue(startup.message().contains(url) && startup.message().contains("DATABASE_URL"), startup.message());
        assertFalse(startup.message().contains("secret-pw"), "never prints the password");
    }

    @Test
    void aWrongPostgresPasswordStopsStartUpWithExitCode2AndNoPassword() {
        PostgresServer.Database db = PostgresServer.shared().createDatabase();
        Main.Startup startup = Main.start(env("DATABASE_URL", db.url(), "DATABASE_USER", db.user(),
                "DATABASE_PASSWORD", "wrong-" + db.password()), Clock.systemUTC());
        assertNull(startup.assistant());
        assertEquals(2, startup.exitCode());
        assertTrue(startup.message().contains("DATABASE_PASSWORD"), startup.message());
        assertFalse(startup.message().contains(db.password()), "never prints the password");
    }

    @Test
    void aPostgresDatabaseIsMigratedOnFirstStartAndReusedOnTheNext() {
        PostgresServer.Database db = PostgresServer.shared().createDatabase();
        Map<String, String> env = env("DATABASE_URL", db.url(), "DATABASE_USER", db.user(), "DATABASE_PASSWORD", db.password());
        for (int start = 0; start < 2; start++) {
            Main.Startup startup = Main.start(env, Clock.systemUTC());
            assertNotNull(startup.assistant(), startup.message());
            try {
                assertEquals(gov.dadukou.guidance.store.Database.Dialect.POSTGRESQL, startup.assistant().database().dialect());
                assertTrue(startup.assistant().database().schemaVersion() >= 10);
            } finally {
                startup.assistant().close();
            }
        }
        assertFalse(Files.exists(db()), "no SQLite file is made when the database is PostgreSQL");
    }

    @Test
    void postgresCredentialsWithoutAUrlAreRefusedRatherThanIgnored() {
        Main.Startup startup = Main.start(env("DATABASE_PASSWORD", "secret-pw"), Clock.systemUTC());
        assertNull(startup.assistant());
        assertEquals(2, startup.exitCode());
        assertTrue(startup.message().contains("DATABASE_URL"), startup.message());
    }

    private void assertRefused(Main.Startup startup) {
        if (startup.assistant() != null) {
            startup.assistant().close();
        }
        assertNull(startup.assistant(), "start-up should have been refused");
        assertEquals(2, startup.exitCode());
        assertTrue(startup.message().contains(db().toAbsolutePath().toString()), "names the file: " + startup.message());
    }

    private void startAndStop(Map<String, String> env) {
        Main.Startup startup = Main.start(env, Clock.systemUTC());
        assertNotNull(startup.assistant(), startup.message());
        startup.assistant().close();
    }

    /**
     * Read-only for SQLite whoever runs the test. A mode of 0444 is the field case, but root (as in CI
     * containers) writes through file modes; a write-format byte above 2 in the header (offset 18) makes
     * SQLite itself open the file read-only for everyone: reads work, every write fails with
     * SQLITE_READONLY, exactly what a 0444 file does to a non-root service.
     */
    private static void makeReadOnly(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(18);
            raf.write(3);
        }
        file.toFile().setReadOnly();
    }

    private Path db() {
        return data.resolve("guidance.db");
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", data.toString());
        env.put("KB_DIR", kb.toString());
        env.put("DENSE", "off");
        env.put("PORT", "0");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
