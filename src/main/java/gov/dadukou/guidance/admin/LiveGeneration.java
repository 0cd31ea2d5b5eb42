package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The one-row {@code kb_generation} table (V12): a counter bumped inside every transaction that changes which entry
 * versions are live, so that an instance finds out with one primary-key read whether another changed them. Stateless.
 */
final class LiveGeneration {
    private LiveGeneration() {
    }

    /** Adds one and returns the new generation; in PostgreSQL the row stays locked until the transaction ends. */
    static long bump(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE kb_generation SET generation = generation + 1 WHERE id = 1")) {
            if (ps.executeUpdate() != 1) {
                throw new SQLException("kb_generation has no row: the V12 migration did not run");
            }
        }
        return read(c);
    }

    /** The current generation. */
    static long read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM kb_generation WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("kb_generation has no row: the V12 migration did not run");
            }
            return rs.getLong(1);
        }
    }

    /**
     * Makes concurrent seeders of an empty database wait for each other (PostgreSQL: the generation row is locked
     * until the transaction ends), so that the second sees the first one's rows and seeds nothing. SQLite
     * transactions are serialised already.
     */
    static void lockForSeeding(Database.Dialect dialect, Connection c) throws SQLException {
        if (dialect != Database.Dialect.POSTGRESQL) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM kb_generation WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
        }
    }
}
