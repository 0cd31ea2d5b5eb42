package gov.dadukou.guidance.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What only SQLite needs: per-connection settings, its schema-version pragma, its change counter. */
final class Sqlite {
    private Sqlite() {
    }

    /** WAL for readers beside the writer, FULL sync so a returned commit is on disk, foreign keys, a busy wait. */
    static void configure(Connection c, Path file) {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=5000");
        } catch (SQLException e) {
            StoreException failed = StorageFault.of(e).<StoreException>map(k -> new StorageFaultException(file, k, e))
                    .orElseGet(() -> new StoreException("cannot configure database " + file, e));
            throw failed;
        }
    }

    /**
     * {@code PRAGMA user_version}: the schema version the hand-rolled runner of releases before Flyway kept (and
     * that this release keeps in step with Flyway's); 0 for a new file.
     */
    static int userVersion(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version", e);
        }
    }

    static Void setUserVersion(Connection c, int version) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + version);
        }
        return null;
    }

    /** Rows changed on this connection since it opened. */
    static long totalChanges(Connection c) throws SQLException {
        return c.unwrap(org.sqlite.SQLiteConnection.class).getDatabase().total_changes();
    }
}
