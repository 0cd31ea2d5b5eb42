package gov.dadukou.guidance;

import gov.dadukou.guidance.consent.ConsentLedger;
import gov.dadukou.guidance.consent.ConsentReceipt;
import gov.dadukou.guidance.consent.ConsentRequest;
import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backups docs/deployment.md tells operators to take, taken and restored once: PostgreSQL with {@code pg_dump -Fc}
 * and {@code pg_restore} into a fresh database, SQLite with {@code VACUUM INTO} while the service runs. Each restored
 * copy has every row and a ledger that verifies, and the assistant opens it.
 */
class BackupRestoreTest {
    @TempDir
    Path dir;

    @Test
    void aPostgresDumpRestoredIntoAFreshDatabaseHasEveryRowAndItsLedgerVerifies() throws Exception {
        PostgresServer server = PostgresServer.shared();
        PostgresServer.Database live = server.createDatabase();
        PostgresServer.Database restored = server.createDatabase();
        try {
            AppConfig config = AppConfig.forDirs(dir.resolve("instance"), TestServer.SHIPPED_KB).withDense(false)
                    .withDatabase(DatabaseCopyCommandTest.settings(live));
            try (Assistant assistant = Assistant.start(config, Clock.systemUTC())) { // seeds the entries, as a deployment does
                deploymentWithConsents(assistant.consent());
            }
            Path dump = dir.resolve("guidance.dump");

            run(server, live, List.of("pg_dump", "-Fc", "-f", dump.toString(), live.name()));
            run(server, restored, List.of("pg_restore", "--exit-on-error", "--no-owner", "-d", restored.name(), dump.toString()));

            Map<String, Long> counts = DatabaseCopyCommandTest.postgresCounts(live);
            assertEquals(counts, DatabaseCopyCommandTest.postgresCounts(restored));
            assertTrue(counts.get("kb_versions") > 200 && counts.get("consent_events") == 5, String.valueOf(counts));
            // Opening validates Flyway's restored history against this release's migrations.
            try (Database db = Database.open(DatabaseCopyCommandTest.settings(restored))) {
                ConsentLedger.Verification v = new ConsentService(db, Clock.systemUTC(), List.of("食品安全"), NOTICE).verify();
                assertTrue(v.ok(), String.valueOf(v));
                assertEquals(5, v.events());
            }
        } finally {
            server.dropDatabase(live);
            server.dropDatabase(restored);
        }
    }

    @Test
    void aSqliteBackupTakenWhileTheServiceRunsOpensWithEveryRowAndItsLedgerVerifies() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path backup = dir.resolve("backup").resolve("guidance-2026-12-02.db");
        Files.createDirectories(backup.getParent());
        try (Database db = Database.open(data.resolve("guidance.db"))) {
            deploymentWithConsents(new ConsentService(db, Clock.systemUTC(), List.of("食品安全"), NOTICE));
            // The service keeps its connection open; the backup is another connection, as the sqlite3 tool is.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("guidance.db")); Statement s = c.createStatement()) {
                s.execute("VACUUM INTO '" + backup + "'");
            }
        }
        Map<String, Long> counts = DatabaseCopyCommandTest.sqliteCounts(data.resolve("guidance.db"));

        Path restored = Files.createDirectories(dir.resolve("restored"));
        Files.copy(backup, restored.resolve("guidance.db"));
        try (Database db = Database.open(restored.resolve("guidance.db"))) {
            ConsentLedger.Verification v = new ConsentService(db, Clock.systemUTC(), List.of("食品安全"), NOTICE).verify();
            assertTrue(v.ok(), String.valueOf(v));
            assertEquals(5, v.events());
        }
        assertEquals(counts, DatabaseCopyCommandTest.sqliteCounts(restored.resolve("guidance.db")));
    }

    private static final ConsentService.NoticeSettings NOTICE =
            new ConsentService.NoticeSettings("测试运营单位", "12345政务服务便民热线", "测试保存期限。");

    /** Three consents, one withdrawn and one erased: five ledger events. */
    private static void deploymentWithConsents(ConsentService consent) {
        List<ConsentReceipt> receipts = new ArrayList<>();
        for (String phone : List.of("13900001111", "13900002222", "13900003333")) {
            receipts.add(consent.grant(new ConsentRequest("重庆某某餐饮有限公司", "91350100M000100Y43", "李四", phone,
                    List.of("食品安全"), consent.notice().version(), true)));
        }
        consent.withdraw(receipts.get(0).receiptId(), receipts.get(0).withdrawToken());
        consent.eraseContact(receipts.get(1).receiptId(), receipts.get(1).withdrawToken());
    }

    /** Runs a PostgreSQL client program of the server's version against {@code db}'s server, as an operator would. */
    private static void run(PostgresServer server, PostgresServer.Database db, List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        full.add(server.binDir().resolve(command.get(0)).toString());
        full.addAll(List.of("-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-U", db.user()));
        full.addAll(command.subList(1, command.size()));
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", db.password());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command.get(0) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", full) + "\n" + output);
    }
}
