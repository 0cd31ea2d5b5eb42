package gov.dadukou.guidance.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded SQLite database under the data directory. One connection, used under one lock: writes
 * are few and must be serialised anyway (the consent ledger's hash chain), and SQLite allows one writer.
 * Commits are fully durable ({@code synchronous=FULL}): a commit that returned is on disk. Schema changes
 * are versioned migrations ({@code db/V<n>__*.sql}) applied in order, each once.
 *
 * <p>Storage faults (the file not writable, corrupt, the disk full or failing) are thrown as
 * {@link StorageFaultException} and remembered until a later write succeeds ({@link #storageFault()}), so
 * that {@code /health} can say writes fail while reads still work. The file and its -wal/-shm companions
 * are readable by their owner only. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Migrations in order; append, never edit one that has shipped. */
    private static final List<String> MIGRATIONS = List.of("V1__consent_ledger.sql", "V2__reminder_deliveries.sql",
            "V3__feedback.sql", "V4__staff.sql", "V5__entry_versions.sql", "V6__consent_state.sql",
            "V7__staff_hardening.sql", "V8__review_queues.sql", "V9__feedback_questions_last_login.sql", "V10__checks.sql");

    /** The last storage fault (of a write, or of a read of a damaged file); no write has succeeded since it. */
    public record Fault(StorageFault kind, String detail) {
    }

    private final Connection connection;
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    /** Null while writes work. Volatile: /health reads it without the lock, on every poll. */
    private volatile Fault fault;

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Database(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** {@link #open(Path, boolean)} refusing a lost database. */
    public static Database open(Path file) {
        return open(file, false);
    }

    /**
     * Opens (creating if needed) {@code file}, brings its schema up to date and proves it can be written.
     * Refuses a database that held data and is now missing or empty unless {@code allowEmpty}.
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
            throw failure(path, "cannot open database " + path, e);
        }
        Database db = new Database(c, path);
        try {
            db.configure();
            files.checkSchemaNotLost(db.schemaVersion(), allowEmpty);
            db.migrate();
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

    private void configure() {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=5000");
        } catch (SQLException e) {
            throw failure(file, "cannot configure database " + file, e);
        }
    }

    /** The last storage fault, if no write has succeeded since it. Cheap (a volatile read, no I/O): /health calls it. */
    public Optional<Fault> storageFault() {
        return Optional.ofNullable(fault);
    }

    /**
     * One real write that changes nothing: the schema version written back unchanged, committed (a WAL frame
     * and an fsync). Clears {@link #storageFault()} when it succeeds.
     *
     * @throws StorageFaultException when the write fails for the storage
     */
    public void probeWrite() {
        lock.lock();
        try {
            inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    int version;
                    try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                        version = rs.next() ? rs.getInt(1) : 0;
                    }
                    s.execute("PRAGMA user_version = " + version);
                }
                return null;
            });
            cleared();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction, committed if it returns, rolled back if it throws.
     *
     * @throws StorageFaultException when the storage failed (remembered for {@link #storageFault()})
     * @throws StoreException        when a statement failed for another reason
     */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            return inTransaction(work);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private <T> T inTransaction(Work<T> work) {
        boolean faulted = fault != null;
        try {
            // Only while faulted: whether this transaction wrote anything, which is what clears the fault.
            long changesBefore = faulted ? totalChanges() : 0;
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackAfter(e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            if (faulted && totalChanges() > changesBefore) {
                cleared();
            }
            return result;
        } catch (SQLException e) {
            StoreException failed = failure(file, "database transaction failed on " + file, e);
            if (failed instanceof StorageFaultException storage) {
                recordFault(storage.fault(), e);
            }
            throw failed;
        } catch (RuntimeException e) {
            // Work may wrap an SQLException in its own exception; a storage fault inside still counts.
            StorageFault.of(e).ifPresent(kind -> recordFault(kind, e));
            throw e;
        }
    }

    private void rollbackAfter(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private long totalChanges() throws SQLException {
        return connection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase().total_changes();
    }

    /** A StorageFaultException (remembered) when {@code e} is a storage fault, otherwise a plain StoreException. */
    private static StoreException failure(Path file, String message, SQLException e) {
        Optional<StorageFault> kind = StorageFault.of(e);
        return kind.isPresent() ? new StorageFaultException(file, kind.get(), e) : new StoreException(message, e);
    }

    private void recordFault(StorageFault kind, Throwable e) {
        Fault previous = fault;
        fault = new Fault(kind, String.valueOf(e.getMessage()));
        if (previous == null) {
            LOG.error("DATABASE STORAGE FAULT ({}) on {}: {}", kind.code(), file, e.getMessage());
        }
    }

    private void cleared() {
        if (fault != null) {
            fault = null;
            LOG.info("database writes work again; /health is back to 200");
        }
    }

    public int schemaVersion() {
        return transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private void migrate() {
        int current = schemaVersion();
        for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
            String name = MIGRATIONS.get(v - 1);
            String sql = resource("/db/" + name);
            int version = v;
            transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String statement : splitStatements(sql)) {
                        s.execute(statement);
                    }
                    s.execute("PRAGMA user_version = " + version);
                }
                return null;
            });
            LOG.info("database migrated to version {} ({})", v, name);
        }
    }

    /** Splits on semicolons at line ends, keeping trigger bodies (which end with END;) whole. */
    static List<String> splitStatements(String sql) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.toUpperCase(java.util.Locale.ROOT).startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            boolean ends = inTrigger ? trimmed.equalsIgnoreCase("END;") : trimmed.endsWith(";");
            if (ends) {
                out.add(current.toString().strip());
                current.setLength(0);
                inTrigger = false;
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = Database.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("migration missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the database failed", e);
        } finally {
            lock.unlock();
        }
    }
}
