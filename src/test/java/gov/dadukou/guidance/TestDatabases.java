package gov.dadukou.guidance;

import gov.dadukou.guidance.store.PostgresSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the HTTP-level tests on PostgreSQL when the test JVM has {@code -Dtest.database=postgresql} (Maven's second
 * Surefire run, {@code postgresql}, on {@link PostgresServer#shared()}), or when {@code DATABASE_URL=jdbc:postgresql://…}
 * (with {@code DATABASE_USER}, {@code DATABASE_PASSWORD}) is set (a server of your own); otherwise every test keeps its
 * own SQLite file. Each server
 * gets the schema of its data directory (new and empty for a new directory, the same again when a test restarts the
 * server on the same directory), so tests never see each other's rows.
 * Stateless; safe from any thread.
 */
public final class TestDatabases {
    private static final String URL = System.getenv("DATABASE_URL");
    private static PostgresServer.Database shared;

    private TestDatabases() {
    }

    /** Whether this JVM runs its HTTP-level tests on PostgreSQL. */
    public static boolean postgres() {
        return "postgresql".equals(System.getProperty("test.database"))
                || (URL != null && URL.startsWith(PostgresSettings.URL_PREFIX));
    }

    /** The database this JVM's test schemas live in: one per JVM on the shared cluster, or DATABASE_URL's. */
    private static synchronized PostgresServer.Database database() {
        if (shared == null) {
            shared = URL != null && URL.startsWith(PostgresSettings.URL_PREFIX)
                    ? new PostgresServer.Database(URL, System.getenv("DATABASE_USER"), System.getenv("DATABASE_PASSWORD"))
                    : PostgresServer.shared().createDatabase();
        }
        return shared;
    }

    /** {@code config} as given, or on a fresh PostgreSQL schema when the environment asks for PostgreSQL. */
    public static AppConfig forTest(AppConfig config) {
        if (config.database() != null || !postgres()) {
            return config;
        }
        PostgresServer.Database db = database();
        String user = db.user();
        String password = db.password();
        String schema = "test_" + Hashing.sha256Hex(config.dataDir().toAbsolutePath().toString()).substring(0, 32);
        try (Connection c = DriverManager.getConnection(db.url(), user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make a test schema on " + db.url(), e);
        }
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return config.withDatabase(new PostgresSettings(url, user, password, 4));
    }
}
