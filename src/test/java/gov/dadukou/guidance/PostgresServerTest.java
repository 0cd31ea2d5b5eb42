package gov.dadukou.guidance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throwaway PostgreSQL cluster the database tests stand on. */
class PostgresServerTest {

    @Test
    void twoCreatedDatabasesAreIndependentAndStartEmpty() throws SQLException {
        PostgresServer pg = PostgresServer.shared();
        PostgresServer.Database a = pg.createDatabase();
        PostgresServer.Database b = pg.createDatabase();
        try {
            assertNotEquals(a.name(), b.name());
            try (Connection c = a.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE questions (id bigint PRIMARY KEY, text varchar(500) NOT NULL)");
                s.execute("INSERT INTO questions VALUES (1, '个体工商户怎么办理营业执照？')");
                try (ResultSet r = s.executeQuery("SELECT text FROM questions")) {
                    assertTrue(r.next());
                    assertEquals("个体工商户怎么办理营业执照？", r.getString(1), "UTF-8 text comes back as stored");
                }
            }
            try (Connection c = b.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                r.next();
                assertEquals(0, r.getInt(1), "the other database has no tables");
            }
        } finally {
            pg.dropDatabase(a);
            pg.dropDatabase(b);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        PostgresServer.Database db = PostgresServer.shared().maintenance();
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(db.url(), db.user(), db.password() + "x").close());
        assertEquals("28P01", e.getSQLState(), "invalid_password: " + e.getMessage());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(db.url(), db.user(), "").close());
    }

    @Test
    void aDroppedDatabaseIsGoneEvenWithAConnectionStillOpen() throws SQLException {
        PostgresServer pg = PostgresServer.shared();
        PostgresServer.Database db = pg.createDatabase();
        try (Connection open = db.connect()) {
            pg.dropDatabase(db);
            assertThrows(SQLException.class, () -> db.connect().close());
            assertFalse(open.isValid(2), "the leftover connection was closed by the drop");
        }
    }

    @Test
    void stopFreesThePortAndRefusesConnections() throws IOException, SQLException {
        PostgresServer own = PostgresServer.start();
        int port = own.port();
        PostgresServer.Database db = own.createDatabase();
        db.connect().close();
        own.stop();
        assertThrows(SQLException.class, () -> db.connect().close());
        try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void theBinariesIncludeTheClientToolsOtherTestsUse() {
        PostgresServer pg = PostgresServer.shared();
        for (String tool : new String[] {"psql", "pg_dump", "pg_restore"}) {
            assertTrue(java.nio.file.Files.isExecutable(pg.binDir().resolve(tool)), tool);
        }
    }
}
