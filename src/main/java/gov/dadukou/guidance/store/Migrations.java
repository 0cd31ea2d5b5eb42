package gov.dadukou.guidance.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema history: Flyway's versioned migrations in {@code db/sqlite} and {@code db/postgresql}, the same version
 * numbers and table shapes in both, each applied once, in order. Append new versions to both folders; never edit one
 * that has shipped (Flyway refuses a changed checksum).
 *
 * <p>SQLite databases made before Flyway carry their version in {@code PRAGMA user_version} and no history table:
 * they are baselined at that version, then upgraded in place with the later migrations.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    static final String HISTORY_TABLE = "flyway_schema_history";

    /** Where to migrate: a JDBC URL (SQLite, Flyway opens its own connection) or a pool (PostgreSQL). */
    record Target(String url, String user, String password, DataSource dataSource) {
    }

    private Migrations() {
    }

    /**
     * Applies every pending migration and returns the schema version after it.
     *
     * @param legacyVersion SQLite's pre-Flyway {@code PRAGMA user_version} (0 if none): a SQLite database at version n
     *                      without Flyway's history is baselined at n. A non-empty PostgreSQL schema without the history
     *                      is refused (it is not ours).
     */
    static int migrate(Target target, Database.Dialect dialect, int legacyVersion) {
        FluentConfiguration config = Flyway.configure(Migrations.class.getClassLoader())
                .locations("classpath:db/" + dialect.folder())
                .table(HISTORY_TABLE)
                .cleanDisabled(true)
                .validateMigrationNaming(true);
        config = target.dataSource() != null ? config.dataSource(target.dataSource())
                : config.dataSource(target.url(), target.user(), target.password());
        if (dialect == Database.Dialect.SQLITE) {
            // A file without Flyway's history is what the old runner left (its version, 0 for none, in user_version).
            config = config.baselineOnMigrate(true).baselineVersion(String.valueOf(legacyVersion))
                    .baselineDescription("made before Flyway: PRAGMA user_version " + legacyVersion);
        }
        Flyway flyway = config.load();
        var result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("database migrated from version {} to {} ({} migrations)", result.initialSchemaVersion,
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
        // Read from the history table, not flyway.info(): that is a second Flyway run (scan, validate), a
        // noticeable part of a start-up, for one number.
        try (Connection c = target.dataSource() != null ? target.dataSource().getConnection()
                : DriverManager.getConnection(target.url(), target.user(), target.password())) {
            return currentVersion(c);
        } catch (SQLException e) {
            throw new FlywayException("cannot read the schema version after migrating: " + e.getMessage(), e);
        }
    }

    /** The highest successfully applied version in the history table, on an open connection. */
    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT version FROM " + HISTORY_TABLE + " WHERE success = " + trueLiteral(c) + " AND version IS NOT NULL")) {
            int max = 0;
            while (rs.next()) {
                max = Math.max(max, Integer.parseInt(rs.getString(1)));
            }
            return max;
        }
    }

    private static String trueLiteral(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        return meta.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("sqlite") ? "1" : "TRUE";
    }
}
