package gov.dadukou.guidance;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The extension PostgreSQL tests use: each test gets its own empty database, dropped after it. */
class FreshDatabaseTest {
    @RegisterExtension
    static final PostgresServer.Fresh pg = PostgresServer.freshDatabaseEachTest();
    private static final Set<PostgresServer.Database> SEEN = ConcurrentHashMap.newKeySet();

    @RepeatedTest(3)
    void eachTestStartsWithAnEmptyDatabaseOfItsOwnAndEarlierOnesAreDropped() throws SQLException {
        PostgresServer.Database db = pg.database();
        assertTrue(SEEN.add(db), "a database no earlier test had");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
                r.next();
                assertEquals(0, r.getInt(1), "no table left by an earlier test");
            }
            s.execute("CREATE TABLE reminders (id bigint PRIMARY KEY)"); // would clash if the database were shared
        }
        for (PostgresServer.Database earlier : SEEN) {
            if (!earlier.equals(db)) {
                assertThrows(SQLException.class, () -> earlier.connect().close(), "dropped after its test");
            }
        }
    }
}
