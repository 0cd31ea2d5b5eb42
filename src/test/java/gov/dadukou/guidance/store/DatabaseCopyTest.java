package gov.dadukou.guidance.store;

import gov.dadukou.guidance.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DatabaseCopy} between a SQLite database and a migrated PostgreSQL one, with the schema changes later versions
 * may bring: many rows across batch boundaries, a table the migrations seed, a table a trigger maintains, a table only
 * PostgreSQL has, and differences that must stop the copy before a row is written.
 */
class DatabaseCopyTest {
    @RegisterExtension
    static final PostgresServer.Fresh pg = PostgresServer.freshDatabaseEachTest();

    @TempDir
    Path dir;

    private Database source;
    private Database target;

    @BeforeEach
    void open() {
        source = Database.open(dir.resolve("guidance.db"));
        PostgresServer.Database db = pg.database();
        target = Database.open(new PostgresSettings(db.url(), db.user(), db.password()));
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    @Test
    void everyValueArrivesAsItWasAcrossBatchBoundariesAndNewIdsFollowTheCopiedOnes() {
        int rows = DatabaseCopy.BATCH * 2 + 345;
        source.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO question_log (id, at, question, outcome, entry_id, confidence, ref) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    ps.setLong(1, i * 3L); // gaps, as deletions leave them
                    ps.setString(2, "2026-12-02T08:" + (i % 60) + ":00Z");
                    ps.setString(3, "营业执照要挂出来吗？第" + i + "问 \"引号\" 'single' \\ 😀");
                    ps.setString(4, i % 2 == 0 ? "answer" : "none");
                    if (i % 2 == 0) {
                        ps.setString(5, "scjg-yyzz-xingmu");
                    } else {
                        ps.setNull(5, java.sql.Types.VARCHAR);
                    }
                    ps.setDouble(6, i / 7.0);
                    ps.setString(7, i % 5 == 0 ? null : "ref-" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });

        DatabaseCopy.Result result = DatabaseCopy.copy(source, target);

        assertEquals(List.of(), result.differing());
        assertEquals(rows, result.tables().stream().filter(t -> t.table().equals("question_log")).findFirst().orElseThrow().targetRows());
        String select = "SELECT id, at, question, outcome, entry_id, confidence, ref, check_offered FROM question_log ORDER BY id";
        List<String> copied = target.transaction(c -> lines(c, select));
        assertEquals(source.<List<String>>transaction(c -> lines(c, select)), copied);
        long next = target.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("INSERT INTO question_log (at, question, outcome, confidence) "
                    + "VALUES ('2026-12-03T00:00:00Z', 'q', 'none', 0) RETURNING id")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertEquals(rows * 3L + 1, next, "the sequence continues after the largest copied id");
    }

    @Test
    void aTableTheMigrationsSeedAndATriggerMaintainsHoldsTheSourcesRowsOnce() {
        source.transaction(c -> exec(c, "CREATE TABLE check_count (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)",
                "INSERT INTO check_count VALUES (1, 7)",
                "INSERT INTO check_log (at, entry_id, outcome) VALUES ('2026-12-02T08:00:00Z', 'a', 'uncertain')",
                "INSERT INTO check_log (at, entry_id, outcome) VALUES ('2026-12-02T08:01:00Z', 'b', 'no_penalty')"));
        // As a later migration might: a first row, and a trigger that counts another table's inserts.
        target.transaction(c -> exec(c, "CREATE TABLE check_count (id integer PRIMARY KEY, n bigint NOT NULL)",
                "INSERT INTO check_count VALUES (1, 0)",
                "CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE check_count SET n = n + 1; RETURN NEW; END $$",
                "CREATE TRIGGER check_log_bumps AFTER INSERT ON check_log FOR EACH ROW EXECUTE FUNCTION bump()"));

        DatabaseCopy.Result result = DatabaseCopy.copy(source, target);

        assertEquals(List.of(), result.differing());
        DatabaseCopy.TableCount check_count = result.tables().stream().filter(t -> t.table().equals("check_count")).findFirst().orElseThrow();
        assertEquals(1, check_count.replacedRows());
        assertEquals(List.of("1|7"), target.transaction(c -> lines(c, "SELECT id, n FROM check_count")), "the source's row, not doubled, not bumped");
        // The trigger is on again once the copy is committed.
        target.transaction(c -> exec(c, "INSERT INTO check_log (at, entry_id, outcome) VALUES ('2026-12-03T00:00:00Z', 'c', 'uncertain')"));
        assertEquals(List.of("1|8"), target.transaction(c -> lines(c, "SELECT id, n FROM check_count")));
    }

    @Test
    void theLedgersAppendOnlyTriggersRefuseChangesAgainAfterTheCopy() {
        source.transaction(c -> exec(c, "INSERT INTO consent_events (seq, receipt_id, event, at, payload, prev_hash, hash) "
                + "VALUES (1, 'r', 'granted', '2026-12-02T08:00:00Z', '{}', 'p', 'h')"));

        DatabaseCopy.copy(source, target);

        StoreException refused = assertThrows(StoreException.class,
                () -> target.transaction(c -> exec(c, "UPDATE consent_events SET at = 'x'")));
        assertTrue(String.valueOf(refused.getCause()).contains("append-only"), String.valueOf(refused.getCause()));
    }

    @Test
    void aTableOnlyPostgresHasIsLeftAsTheMigrationsMadeIt() {
        target.transaction(c -> exec(c, "CREATE TABLE shared_buckets (id text PRIMARY KEY, state bytea)",
                "INSERT INTO shared_buckets VALUES ('chat:1.2.3.4', NULL)"));

        DatabaseCopy.Result result = DatabaseCopy.copy(source, target);

        assertEquals(List.of("shared_buckets"), result.targetOnly());
        assertEquals(List.of("chat:1.2.3.4|null"), target.transaction(c -> lines(c, "SELECT id, state FROM shared_buckets")));
    }

    @Test
    void aTableOrColumnOnlyTheSourceHasStopsTheCopyBeforeARowIsWritten() {
        source.transaction(c -> exec(c, "INSERT INTO check_log (at, entry_id, outcome) VALUES ('2026-12-02T08:00:00Z', 'a', 'uncertain')",
                "CREATE TABLE only_here (id INTEGER PRIMARY KEY)", "ALTER TABLE answer_feedback ADD COLUMN extra TEXT"));

        DatabaseCopy.SchemaMismatchException e = assertThrows(DatabaseCopy.SchemaMismatchException.class, () -> DatabaseCopy.copy(source, target));

        assertTrue(e.getMessage().contains("table only_here only in the SQLite source"), e.getMessage());
        assertTrue(e.getMessage().contains("column answer_feedback.extra only in the SQLite source"), e.getMessage());
        assertEquals(List.of("0"), target.transaction(c -> lines(c, "SELECT count(*) FROM check_log")));
    }

    private static Void exec(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return null;
    }

    /** Each row as its values' text joined by "|" (doubles as Java prints them, so both sides compare alike). */
    private static List<String> lines(Connection c, String select) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object value = rs.getObject(i);
                    line.append(i > 1 ? "|" : "").append(value instanceof Number number ? normalise(number) : String.valueOf(value));
                }
                out.add(line.toString());
            }
        }
        return out;
    }

    private static String normalise(Number number) {
        double d = number.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(number.longValue()) : Double.toString(d);
    }
}
