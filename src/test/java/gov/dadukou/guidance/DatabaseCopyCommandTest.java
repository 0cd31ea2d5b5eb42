package gov.dadukou.guidance;

import gov.dadukou.guidance.consent.ConsentLedger;
import gov.dadukou.guidance.consent.ConsentReceipt;
import gov.dadukou.guidance.consent.ConsentRequest;
import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.consent.ConsentView;
import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.PostgresSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code db copy --to URL} (issue #16 item 5) against a throwaway PostgreSQL: an old release's database and a
 * deployment with consents made here move over with every row and a ledger that verifies, a server on the target
 * shows the same consents, and a target holding anything is refused without being touched.
 */
class DatabaseCopyCommandTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/release-2026-12-02");

    @RegisterExtension
    static final PostgresServer.Fresh pg = PostgresServer.freshDatabaseEachTest();

    @TempDir
    Path dir;

    /** What a run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @Test
    void theOldReleaseIsCopiedWithEveryRowAndItsLedgerVerifiesOnTheTarget() throws Exception {
        Path data = oldRelease();

        Run run = copy(data, pg.database());

        assertEquals(0, run.exit(), run.out() + run.err());
        Map<String, Long> source = sqliteCounts(data.resolve("guidance.db"));
        Map<String, Long> target = postgresCounts(pg.database());
        assertEquals(source, target, "every table, every row");
        assertEquals(4L, target.get("consent_events"), "the fixture's four ledger events");
        assertTrue(target.get("kb_versions") > 200, "the fixture's entries");
        assertTrue(run.out().contains("ledger OK on the target: 4 events verified"), run.out());
        try (Database db = Database.open(settings(pg.database()))) {
            ConsentService consent = consentService(db);
            assertTrue(consent.verify().ok());
            // The sequences continue after the copied ids: a new consent is event 5 and the chain still verifies.
            consent.grant(request("13600001111", consent.notice().version()));
            ConsentLedger.Verification after = consent.verify();
            assertTrue(after.ok(), String.valueOf(after));
            assertEquals(5, after.events());
        }
    }

    @Test
    void consentsMadeOnSqliteAreShownTheSameByAServerOnTheTarget() throws Exception {
        Path data = Files.createDirectories(dir.resolve("sqlite"));
        // Assistant.start, not TestServer: this side must stay SQLite even when the suite runs on PostgreSQL.
        AppConfig sqlite = AppConfig.forDirs(data, TestServer.SHIPPED_KB).withDense(false);
        List<ConsentReceipt> receipts = new ArrayList<>();
        List<ConsentView> before = new ArrayList<>();
        try (Assistant assistant = Assistant.start(sqlite, Clock.systemUTC())) {
            ConsentService consent = assistant.consent();
            for (String phone : List.of("13800001111", "13800002222", "13800003333")) {
                receipts.add(consent.grant(request(phone, consent.notice().version())));
            }
            consent.withdraw(receipts.get(1).receiptId(), receipts.get(1).withdrawToken());
            consent.eraseContact(receipts.get(2).receiptId(), receipts.get(2).withdrawToken());
            for (ConsentReceipt r : receipts) {
                before.add(consent.view(r.receiptId(), r.withdrawToken()));
            }
        }

        Run run = copy(data, pg.database());

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(sqliteCounts(data.resolve("guidance.db")), postgresCounts(pg.database()));
        AppConfig onPostgres = AppConfig.forDirs(dir.resolve("instance"), TestServer.SHIPPED_KB).withDense(false)
                .withDatabase(settings(pg.database()));
        try (TestServer server = new TestServer(onPostgres, Clock.systemUTC())) {
            ConsentService consent = server.assistant.consent();
            for (int i = 0; i < receipts.size(); i++) {
                ConsentReceipt r = receipts.get(i);
                assertEquals(before.get(i), consent.view(r.receiptId(), r.withdrawToken()), "the same record, history included");
                TestServer.Response record = server.get("/api/consents/" + r.receiptId() + "?token=" + r.withdrawToken());
                assertEquals(200, record.status(), record.body());
                assertEquals(r.receiptId(), record.json().get("receiptId").asText());
                assertEquals(before.get(i).status(), record.json().get("status").asText());
                assertEquals(before.get(i).receiptCode(), record.json().get("receiptCode").asText());
            }
            assertEquals(List.of("active", "withdrawn", "active"), before.stream().map(ConsentView::status).toList());
            assertTrue(before.get(2).contactErased());
            assertEquals(403, server.get("/api/consents/" + receipts.get(0).receiptId() + "?token=wrong-token-0123456789").status());
            // The target takes new consents after the copied ones.
            ConsentReceipt fresh = consent.grant(request("13800004444", consent.notice().version()));
            assertEquals(200, server.get("/api/consents/" + fresh.receiptId() + "?token=" + fresh.withdrawToken()).status());
            ConsentLedger.Verification v = consent.verify();
            assertTrue(v.ok(), String.valueOf(v));
            assertEquals(6, v.events(), "three grants, a withdrawal, an erasure, and the new grant");
        }
    }

    @Test
    void aSecondCopyToTheSameTargetIsRefusedAndChangesNothing() throws Exception {
        Path data = oldRelease();
        assertEquals(0, copy(data, pg.database()).exit());
        Map<String, Long> copied = postgresCounts(pg.database());
        String head = ledgerHead(pg.database());

        Run again = copy(data, pg.database());

        assertEquals(2, again.exit(), again.out() + again.err());
        assertTrue(again.err().contains("目标数据库不是空的") && again.err().contains("not empty"), again.err());
        assertEquals(copied, postgresCounts(pg.database()));
        assertEquals(head, ledgerHead(pg.database()));
    }

    @Test
    void aTargetWithOneForeignTableIsRefusedAndLeftAlone() throws Exception {
        try (Connection c = pg.database().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE their_data (id integer PRIMARY KEY, note text)");
            s.execute("INSERT INTO their_data VALUES (1, '别人的数据')");
        }

        Run run = copy(oldRelease(), pg.database());

        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("their_data"), run.err());
        assertEquals(Map.of("their_data", 1L), postgresCounts(pg.database()), "nothing created, nothing changed");
    }

    @Test
    void aCopyThatFailsHalfwayLeavesTheTargetEmptyForAnotherTry() throws Exception {
        Path data = oldRelease();
        // SQLite keeps what it is given; PostgreSQL's double precision column will not take this text.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("guidance.db")); Statement s = c.createStatement()) {
            s.execute("UPDATE question_log SET confidence = 'hoch'");
        }

        Run run = copy(data, pg.database());

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("question_log.confidence"), run.err());
        assertTrue(run.err().contains("empty again"), run.err());
        assertEquals(Map.of(), postgresCounts(pg.database()), "no table, no history: the target is as it was");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("guidance.db")); Statement s = c.createStatement()) {
            s.execute("UPDATE question_log SET confidence = 0.5");
        }
        assertEquals(0, copy(data, pg.database()).exit(), "once the cause is fixed the same target takes the copy");
    }

    @Test
    void aDataDirectoryWithoutADatabaseIsRefusedBeforeTheTargetIsTouched() throws Exception {
        Run run = copy(dir.resolve("nothing-here"), pg.database());

        assertEquals(2, run.exit(), run.out() + run.err());
        assertFalse(Files.exists(dir.resolve("nothing-here").resolve("guidance.db")), "no empty database made to copy");
        assertEquals(Map.of(), postgresCounts(pg.database()));
        assertThrows(AppConfig.ConfigException.class, () -> DatabaseCommand.run(List.of("copy", "--to", "postgres://x/y"),
                Map.of(), System.out, System.err));
    }

    /** A temp copy of the old release's data directory (never the fixture itself). */
    private Path oldRelease() throws Exception {
        Path data = Files.createDirectories(dir.resolve("old-release"));
        Files.copy(FIXTURE.resolve("guidance.db"), data.resolve("guidance.db"));
        Files.copy(FIXTURE.resolve("guidance.db.has-data"), data.resolve("guidance.db.has-data"));
        return data;
    }

    /** Runs the command as an operator would, through {@link Commands}' exit-code rules. */
    static Run copy(Path dataDir, PostgresServer.Database target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("DATA_DIR", dataDir.toString(), "KB_DIR", TestServer.SHIPPED_KB.toString(),
                "DATABASE_USER", target.user(), "DATABASE_PASSWORD", target.password());
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Commands.run(new String[] {"db", "copy", "--to", target.url()}, env, o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static PostgresSettings settings(PostgresServer.Database db) {
        return new PostgresSettings(db.url(), db.user(), db.password());
    }

    private static ConsentService consentService(Database db) {
        return new ConsentService(db, Clock.systemUTC(), List.of("食品安全", "消防安全"),
                new ConsentService.NoticeSettings("测试运营单位", "12345政务服务便民热线", "测试保存期限。"));
    }

    private static ConsentRequest request(String phone, int noticeVersion) {
        return new ConsentRequest("重庆某某餐饮有限公司", "91350100M000100Y43", "张三", phone, List.of("食品安全", "消防安全"), noticeVersion, true);
    }

    static Map<String, Long> sqliteCounts(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return counts(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        }
    }

    static Map<String, Long> postgresCounts(PostgresServer.Database db) throws SQLException {
        try (Connection c = db.connect()) {
            return counts(c, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
        }
    }

    /** Rows per table, Flyway's history (each side keeps its own) left out. */
    private static Map<String, Long> counts(Connection c, String tablesSql) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(tablesSql)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            if (table.equals("flyway_schema_history")) {
                continue;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                rs.next();
                counts.put(table, rs.getLong(1));
            }
        }
        return counts;
    }

    private static String ledgerHead(PostgresServer.Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq || ':' || hash FROM consent_events ORDER BY seq DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
