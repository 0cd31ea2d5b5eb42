package gov.dadukou.guidance;

import gov.dadukou.guidance.store.PostgresSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the HTTP-level tests on PostgreSQL when {@code DATABASE_URL=jdbc:postgresql://…} (with {@code DATABASE_USER},
 * {@code DATABASE_PASSWORD}) is set for the test JVM; otherwise every test keeps its own SQLite file. Each server
 * gets the schema of its data directory (new and empty for a new directory, the same again when a test restarts the
 * server on the same directory), so tests never see each other's rows.
 * Stateless; safe from any thread.
 */
public final class TestDatabases {
    private static final String URL = System.getenv("DATABASE_URL");

    private TestDatabases() {
    }

    /** {@code config} as given, or on a fresh PostgreSQL schema when the environment asks for PostgreSQL. */
    public static AppConfig forTest(AppConfig config) {
        if (config.database() != null || URL == null || !URL.startsWith(PostgresSettings.URL_PREFIX)) {
            return config;
        }
        String user = System.getenv("DATABASE_USER");
        String password = System.getenv("DATABASE_PASSWORD");
        String schema = "test_" + Hashing.sha256Hex(config.dataDir().toAbsolutePath().toString()).substring(0, 32);
        try (Connection c = DriverManager.getConnection(URL, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make a test schema on " + URL, e);
        }
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return config.withDatabase(new PostgresSettings(url, user, password, 4));
    }
}
