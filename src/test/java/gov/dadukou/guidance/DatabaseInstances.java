package gov.dadukou.guidance;

import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.PostgresSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One database as several application instances see it, for tests of what must hold with N instances.
 * PostgreSQL: each {@link #open()} is a new {@link Database} with its own pool on one fresh database of the
 * {@linkplain PostgresServer#shared() shared test cluster}, as separate processes would have. SQLite: a file has one
 * process, whose services share one {@link Database}; {@link #open()} returns that one, so the same assertions show
 * SQLite's behaviour is kept. Use with {@code @ParameterizedTest @MethodSource("gov.dadukou.guidance.DatabaseInstances#backends")}.
 * {@link #close()} closes every instance and drops the PostgreSQL database. Thread-safe enough for set-up on one thread.
 */
public abstract class DatabaseInstances implements AutoCloseable {
    protected final List<Database> opened = new ArrayList<>();

    /** The backends storage tests run on. */
    public static Stream<String> backends() {
        return Stream.of("sqlite", "postgresql");
    }

    /** Skips (developer machine) or fails (CI) the test when the backend is PostgreSQL and it is not installed. */
    public static DatabaseInstances of(String backend, Path dir) {
        return backend.equals("postgresql") ? new Postgres() : new Sqlite(dir.resolve("guidance.db"));
    }

    /** Another instance's database handle (SQLite: the process's one). */
    public abstract Database open();

    /** Environment variables that point the jar's commands at this database. */
    public abstract Map<String, String> env();

    public abstract Database.Dialect dialect();

    @Override
    public void close() {
        opened.forEach(Database::close);
        opened.clear();
    }

    private static final class Sqlite extends DatabaseInstances {
        private final Path file;
        private Database db;

        Sqlite(Path file) {
            this.file = file;
        }

        @Override
        public Database open() {
            if (db == null) {
                db = Database.open(file);
                opened.add(db);
            }
            return db;
        }

        @Override
        public Map<String, String> env() {
            return Map.of("DATA_DIR", file.getParent().toString());
        }

        @Override
        public Database.Dialect dialect() {
            return Database.Dialect.SQLITE;
        }

        @Override
        public void close() {
            super.close();
            db = null;
        }
    }

    private static final class Postgres extends DatabaseInstances {
        private final PostgresServer.Database database = PostgresServer.shared().createDatabase();

        @Override
        public Database open() {
            Database db = Database.open(new PostgresSettings(database.url(), database.user(), database.password(), 6));
            opened.add(db);
            return db;
        }

        @Override
        public Map<String, String> env() {
            return Map.of("DATABASE_URL", database.url(), "DATABASE_USER", database.user(), "DATABASE_PASSWORD", database.password());
        }

        @Override
        public Database.Dialect dialect() {
            return Database.Dialect.POSTGRESQL;
        }

        @Override
        public void close() {
            super.close();
            PostgresServer.shared().dropDatabase(database);
        }
    }
}
