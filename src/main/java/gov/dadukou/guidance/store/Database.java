package gov.dadukou.guidance.store;

import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The application's database: the embedded SQLite file under the data directory (the default), or a shared
 * PostgreSQL server that several instances use ({@code DATABASE_URL}). Callers see one API either way:
 * {@link #inTransaction} (Jdbi) or {@link #transaction} (plain JDBC), each one transaction, committed if it returns
 * and rolled back if it throws. The schema is Flyway's versioned migrations, one folder per dialect
 * ({@code db/sqlite}, {@code db/postgresql}); see {@link Migrations}.
 *
 * <p>SQLite: one connection, used under one lock, because SQLite allows one writer and writes are few; commits are
 * fully durable ({@code synchronous=FULL}); the file and its -wal/-shm companions are readable by their owner only.
 * PostgreSQL: a HikariCP pool; what must be serialised across instances (the consent ledger's hash chain) takes
 * its own database lock inside the transaction.
 *
 * <p>Storage faults (SQLite: the file not writable, corrupt, the disk full or failing; PostgreSQL: the server
 * unreachable, out of disk, read-only) are thrown as {@link StorageFaultException} and remembered until a later
 * write succeeds ({@link #storageFault()}), so that {@code /health} can say writes fail. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Which SQL the database speaks, for the few statements that differ. */
    public enum Dialect {
        SQLITE("sqlite"), POSTGRESQL("postgresql");

        private final String folder;

        Dialect(String folder) {
            this.folder = folder;
        }

        /** The migrations folder under {@code db/}. */
        String folder() {
            return folder;
        }
    }

    /** The last storage fault (of a write, or of a read of a damaged file); no write has succeeded since it. */
    public record Fault(StorageFault kind, String detail) {
    }

    /** Work done inside one transaction, on its JDBC connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Dialect dialect;
    /** The file, or the URL without credentials: for messages and logs. */
    private final String location;
    private final Jdbi jdbi;
    /** SQLite only: its one connection is used by one transaction at a time. Null for PostgreSQL. */
    private final ReentrantLock lock;
    /** What {@link #close()} closes: the SQLite connection or the PostgreSQL pool. */
    private final AutoCloseable resource;
    /** Null while writes work. Volatile: /health reads it without the lock, on every poll. */
    private volatile Fault fault;

    private Database(Dialect dialect, String location, Jdbi jdbi, ReentrantLock lock, AutoCloseable resource) {
        this.dialect = dialect;
        this.location = location;
        this.jdbi = jdbi;
        this.lock = lock;
        this.resource = resource;
    }

    /** {@link #open(Path, boolean)} refusing a lost database. */
    public static Database open(Path file) {
        return open(file, false);
    }

    /**
     * Opens (creating if needed) the SQLite {@code file}, brings its schema up to date and proves it can be
     * written. Refuses a database that held data and is now missing or empty unless {@code allowEmpty}.
     *
     * @throws DatabaseLostException   when the data directory's marker says it held data and it is missing or empty
     * @throws StorageFaultException   when the file is not writable, not a database, or the storage fails
     * @throws StoreException          when a migration fails for another reason
     */
    public static Database open(Path file, boolean allowEmpty) {
        DatabaseFiles files = new DatabaseFiles(file);
        Path path = files.file();
        files.checkNotLost(allowEmpty);
        files.createOwnerOnly();
        files.restrictToOwner();
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + path);
        } catch (SQLException e) {
            throw failure(path.toString(), "cannot open database " + path, e);
        }
        // The one connection is handed to Jdbi for each transaction and stays open until close().
        Jdbi jdbi = Jdbi.create(new org.jdbi.v3.core.ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return c;
            }

            @Override
            public void closeConnection(Connection toClose) {
                // Owned by the Database, closed by close().
            }
        });
        Database db = new Database(Dialect.SQLITE, path.toString(), jdbi, new ReentrantLock(), c);
        try {
            Sqlite.configure(c, path);
            files.checkSchemaNotLost(Sqlite.userVersion(c), allowEmpty);
            db.migrate(new Migrations.Target("jdbc:sqlite:" + path, null, null, null), Sqlite.userVersion(c));
            // Opening and reading succeed on a read-only file; only a write shows it. Once, at start.
            db.probeWrite();
            files.restrictToOwner(); // -wal and -shm exist now
            files.markHeldData();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Connects to the PostgreSQL database in {@code settings} (a pool of at most {@link PostgresSettings#poolSize()} connections),
     * brings its schema up to date and proves it can be written.
     *
     * @throws StorageFaultException when the server cannot be reached or refuses the credentials ({@link StorageFault#UNAVAILABLE})
     * @throws StoreException        when a migration fails for another reason
     */
    public static Database open(PostgresSettings settings) {
        HikariDataSource pool = Postgres.pool(settings, settings.poolSize());
        Database db = new Database(Dialect.POSTGRESQL, settings.location(), Jdbi.create(pool), null, pool);
        try {
            db.migrate(new Migrations.Target(null, null, null, pool), 0);
            db.probeWrite();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void migrate(Migrations.Target target, int legacyVersion) {
        try {
            int version = Migrations.migrate(target, dialect, legacyVersion);
            if (dialect == Dialect.SQLITE) {
                // Kept in step so that the data directory's lost-database check and older tools read it.
                transaction(c -> Sqlite.setUserVersion(c, version));
            }
        } catch (org.flywaydb.core.api.FlywayException e) {
            Optional<StorageFault> kind = StorageFault.of(e);
            throw kind.isPresent() ? new StorageFaultException(location, kind.get(), e)
                    : new StoreException("database migration failed on " + location + ": " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The database file, or the PostgreSQL URL without credentials. */
    public String location() {
        return location;
    }

    /** The last storage fault, if no write has succeeded since it. Cheap (a volatile read, no I/O): /health calls it. */
    public Optional<Fault> storageFault() {
        return Optional.ofNullable(fault);
    }

    /**
     * One real write that changes nothing (SQLite: the schema version written back; PostgreSQL: a transaction id
     * taken and committed), so that it reaches the disk. Clears {@link #storageFault()} when it succeeds.
     *
     * @throws StorageFaultException when the write fails for the storage
     */
    public void probeWrite() {
        execute(h -> {
            Connection c = h.getConnection();
            if (dialect == Dialect.SQLITE) {
                Sqlite.setUserVersion(c, Sqlite.userVersion(c));
            } else {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_current_xact_id()");
                }
            }
            return null;
        }, true);
    }

    /**
     * Runs {@code work} in one transaction on a Jdbi handle, committed if it returns, rolled back if it throws.
     *
     * @throws StorageFaultException when the storage failed (remembered for {@link #storageFault()})
     * @throws StoreException        when a statement failed for another reason
     */
    public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        return execute(work::withHandle, false);
    }

    /**
     * Runs {@code work} in one transaction on its JDBC connection, committed if it returns, rolled back if it throws.
     *
     * @throws StorageFaultException when the storage failed (remembered for {@link #storageFault()})
     * @throws StoreException        when a statement failed for another reason
     */
    public <T> T transaction(Work<T> work) {
        return execute(h -> work.run(h.getConnection()), false);
    }

    /**
     * Inside a transaction: waits until no other transaction, of this or any other instance, holds {@code name}, then
     * holds it until this one commits or rolls back. For the few read-then-write steps that must not interleave across
     * instances (a username check and its insert, the last-admin check). PostgreSQL: an advisory transaction lock on
     * {@code hashtext(name)} (a 32-bit value, so it never meets the ledger's 48-bit lock); SQLite: nothing to do, its
     * one connection already runs one transaction at a time.
     */
    public void serialise(Connection c, String name) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                ps.setString(1, name);
                ps.execute();
            }
        }
    }

    /** The schema version: Flyway's current version (SQLite also mirrors it in {@code PRAGMA user_version}). */
    public int schemaVersion() {
        return execute(h -> Migrations.currentVersion(h.getConnection()), false);
    }

    private <T> T execute(HandleCallback<T, SQLException> work, boolean probe) {
        if (lock != null) {
            lock.lock();
        }
        try {
            boolean faulted = fault != null;
            boolean[] wrote = {probe};
            T result = jdbi.inTransaction(h -> {
                // Only while faulted: whether this transaction wrote anything, which is what clears the fault.
                long before = faulted && dialect == Dialect.SQLITE ? Sqlite.totalChanges(h.getConnection()) : 0;
                T r = work.withHandle(h);
                if (faulted && !probe) {
                    wrote[0] = dialect == Dialect.SQLITE ? Sqlite.totalChanges(h.getConnection()) > before
                            : Postgres.wroteInTransaction(h.getConnection());
                }
                return r;
            });
            if (wrote[0]) {
                cleared();
            }
            return result;
        } catch (SQLException e) {
            StoreException failed = failure(location, "database transaction failed on " + location, e);
            if (failed instanceof StorageFaultException storage) {
                recordFault(storage.fault(), e);
            }
            throw failed;
        } catch (JdbiException e) {
            // Jdbi's own failures (no connection, a commit refused) wrap the SQLException.
            Optional<StorageFault> kind = StorageFault.of(e);
            kind.ifPresent(k -> recordFault(k, e));
            throw kind.isPresent() ? new StorageFaultException(location, kind.get(), e)
                    : new StoreException("database transaction failed on " + location, e);
        } catch (RuntimeException e) {
            // Work may wrap an SQLException in its own exception; a storage fault inside still counts.
            StorageFault.of(e).ifPresent(kind -> recordFault(kind, e));
            throw e;
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    /** A StorageFaultException when {@code e} is a storage fault, otherwise a plain StoreException. */
    private static StoreException failure(String location, String message, SQLException e) {
        Optional<StorageFault> kind = StorageFault.of(e);
        return kind.isPresent() ? new StorageFaultException(location, kind.get(), e) : new StoreException(message, e);
    }

    private void recordFault(StorageFault kind, Throwable e) {
        Fault previous = fault;
        fault = new Fault(kind, String.valueOf(e.getMessage()));
        if (previous == null) {
            LOG.error("DATABASE STORAGE FAULT ({}) on {}: {}", kind.code(), location, e.getMessage());
        }
    }

    private void cleared() {
        if (fault != null) {
            fault = null;
            LOG.info("database writes work again; /health is back to 200");
        }
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.lock();
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("closing the database failed", e);
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }
}
