package gov.dadukou.guidance.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves a district from SQLite to PostgreSQL ({@code db copy --to URL}): every application table of the SQLite
 * database, row by row and column by column name, into a PostgreSQL database that was empty and has just been given
 * the schema by the PostgreSQL migrations (so both sides are at the same version and have the same tables).
 *
 * <p>The copy is one transaction on the target: it either lands whole or not at all. Tables go in foreign-key order,
 * in JDBC batches of {@link #BATCH} rows, with their ids as they are (the ledger's {@code seq} is part of each event's
 * hash); afterwards every sequence is set past the largest id so that new rows do not collide. The target's own
 * triggers are disabled for the copy and enabled again before the commit, inside the same transaction (no other
 * session ever sees them off): the copy writes the source's rows verbatim, including any table the target would
 * maintain from another table's inserts, which must not be written twice. Rows the migrations themselves put in a
 * table (a counter's first row) are replaced by the source's. The append-only triggers only refuse UPDATE, DELETE and
 * TRUNCATE, which the copy never does to them. Tables only PostgreSQL has (state that SQLite keeps in memory) are
 * left as the migrations made them; a table or column only the source has stops the copy before a row is written.
 *
 * <p>Nothing here decides whether the target may be written: callers check {@link #existingRelations} first (an
 * empty target) and may {@link #emptyAgain} a target they found empty when the copy fails. Stateless; the source is
 * read inside one SQLite transaction, a consistent snapshot even if a server still wrote to the file.
 */
public final class DatabaseCopy {
    /** Rows per JDBC batch: large enough that round trips do not dominate, small enough to keep memory flat. */
    public static final int BATCH = 1000;

    /**
     * One table's rows on each side after the copy. {@code replacedRows}: rows the target's migrations had put in the
     * table (a counter's first row, say), replaced by the source's.
     */
    public record TableCount(String table, long sourceRows, long targetRows, long replacedRows) {
        public boolean matches() {
            return sourceRows == targetRows;
        }
    }

    /**
     * What was copied, table by table in copy order; the tables only the target has (PostgreSQL-only state such as
     * shared rate-limit buckets, left as the migrations made them); how long the copy took (counting excluded).
     */
    public record Result(List<TableCount> tables, List<String> targetOnly, Duration took) {
        public long rows() {
            return tables.stream().mapToLong(TableCount::sourceRows).sum();
        }

        /** The tables whose row counts differ between source and target; empty after a good copy. */
        public List<TableCount> differing() {
            return tables.stream().filter(t -> !t.matches()).toList();
        }
    }

    /** The two schemas do not have the same tables and columns (a source or target at another schema version). */
    public static final class SchemaMismatchException extends StoreException {
        public SchemaMismatchException(List<String> differences) {
            super("源库与目标库的表结构不一致 / the source and target schemas differ: " + String.join("; ", differences));
        }
    }

    private DatabaseCopy() {
    }

    /**
     * The tables and views already in the target's current schema (the schema new tables would go into),
     * read over one plain connection that creates nothing. Empty for a target {@code db copy} may write.
     *
     * @throws StorageFaultException {@link StorageFault#UNAVAILABLE} when the target cannot be reached
     */
    public static List<String> existingRelations(PostgresSettings target) {
        try (Connection c = connect(target); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                        + "AND relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY relname")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw failure(target, "cannot read the target's schema", e);
        }
    }

    /**
     * Copies every application table of {@code source} (SQLite) into {@code target} (PostgreSQL, migrated, empty) in
     * one target transaction, then counts each table on both sides.
     *
     * @throws SchemaMismatchException when the two sides do not have the same tables and column names
     * @throws StoreException          when a row cannot be written (the target transaction is rolled back)
     */
    public static Result copy(Database source, Database target) {
        if (source.dialect() != Database.Dialect.SQLITE || target.dialect() != Database.Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("copies SQLite to PostgreSQL, not " + source.dialect() + " to " + target.dialect());
        }
        return source.transaction(src -> {
            long started = System.nanoTime();
            Map<String, Set<String>> sourceTables = CopySchema.sqliteTables(src);
            Map<String, Long> replaced = new java.util.HashMap<>();
            List<String> targetOnly = new ArrayList<>();
            List<String> order = target.transaction(dst -> {
                Map<String, CopySchema.Table> tables = CopySchema.postgresTables(dst);
                List<String> differences = CopySchema.differences(sourceTables, tables);
                if (!differences.isEmpty()) {
                    throw new SchemaMismatchException(differences);
                }
                tables.keySet().stream().filter(t -> !sourceTables.containsKey(t)).forEach(targetOnly::add);
                List<String> inOrder = CopySchema.insertOrder(dst, sourceTables.keySet());
                setTriggers(dst, inOrder, false);
                // Rows the migrations made (a counter's first row) give way to the source's: children first.
                List<String> childrenFirst = new ArrayList<>(inOrder);
                Collections.reverse(childrenFirst);
                for (String table : childrenFirst) {
                    long made = count(dst, table);
                    if (made > 0) {
                        replaced.put(table, made);
                        try (Statement s = dst.createStatement()) {
                            s.execute("DELETE FROM " + quote(table));
                        }
                    }
                }
                for (String table : inOrder) {
                    copyTable(src, dst, tables.get(table));
                    resetSequences(dst, tables.get(table));
                }
                setTriggers(dst, inOrder, true);
                return inOrder;
            });
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            List<TableCount> counts = new ArrayList<>();
            target.transaction(dst -> {
                for (String table : order) {
                    counts.add(new TableCount(table, count(src, table), count(dst, table), replaced.getOrDefault(table, 0L)));
                }
                return null;
            });
            return new Result(Collections.unmodifiableList(counts), List.copyOf(targetOnly), took);
        });
    }

    private static void setTriggers(Connection dst, List<String> tables, boolean enabled) throws SQLException {
        try (Statement s = dst.createStatement()) {
            for (String table : tables) {
                s.execute("ALTER TABLE " + quote(table) + (enabled ? " ENABLE" : " DISABLE") + " TRIGGER USER");
            }
        }
    }

    private static void copyTable(Connection src, Connection dst, CopySchema.Table table) throws SQLException {
        List<CopySchema.Column> columns = table.columns();
        String names = columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + quote(table.name()) + " (" + names + ")"
                + (table.sequenceColumns().isEmpty() ? "" : " OVERRIDING SYSTEM VALUE")
                + " VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        try (Statement read = src.createStatement(); ResultSet rs = read.executeQuery("SELECT " + names + " FROM " + quote(table.name()));
             PreparedStatement write = dst.prepareStatement(insert)) {
            int pending = 0;
            long row = 0;
            while (rs.next()) {
                row++;
                for (int i = 0; i < columns.size(); i++) {
                    CopyValues.bind(rs, write, i + 1, columns.get(i).type(), table.name() + "." + columns.get(i).name(), row);
                }
                write.addBatch();
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    /** Each sequence (identity column) continues after the largest copied id; an empty table starts at 1. */
    private static void resetSequences(Connection dst, CopySchema.Table table) throws SQLException {
        for (String column : table.sequenceColumns()) {
            try (PreparedStatement ps = dst.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX("
                    + quote(column) + "), 0) + 1, false) FROM " + quote(table.name()))) {
                ps.setString(1, quote(table.name()));
                ps.setString(2, column);
                ps.executeQuery().close();
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * After a failed copy into a target that {@link #existingRelations} found empty: drops what the migrations and
     * the copy made there (tables with their sequences and triggers, views, functions), so that the target is empty
     * again and the copy can simply be run again. Never call it on a target that was not empty before. Drops nothing
     * and returns false when the target has no Flyway history: the migrations never began there (Flyway makes that
     * table only in a schema it found empty), so whatever is there appeared since the check and is not ours.
     *
     * @return whether the target was emptied
     * @throws StoreException when the target cannot be emptied (the message says what is left)
     */
    public static boolean emptyAgain(PostgresSettings target) {
        try (Connection c = connect(target)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?)) IS NULL")) {
                ps.setString(1, Migrations.HISTORY_TABLE);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
            c.setAutoCommit(false);
            List<String> drops = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT CASE relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' "
                            + "WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END || ' IF EXISTS ' || quote_ident(relname) || ' CASCADE' "
                            + "FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                            + "ORDER BY relkind IN ('v', 'm') DESC, relkind = 'S'")) {
                while (rs.next()) {
                    drops.add("DROP " + rs.getString(1));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 'DROP ROUTINE IF EXISTS ' || p.oid::regprocedure "
                    + "|| ' CASCADE' FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace")) {
                while (rs.next()) {
                    drops.add(rs.getString(1));
                }
            }
            try (Statement s = c.createStatement()) {
                for (String drop : drops) {
                    s.execute(drop);
                }
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            throw failure(target, "could not empty the target again; drop and create the database by hand", e);
        }
    }

    private static Connection connect(PostgresSettings target) throws SQLException {
        return DriverManager.getConnection(target.url(), target.user(), target.password());
    }

    private static StoreException failure(PostgresSettings target, String message, SQLException e) {
        return StorageFault.of(e).<StoreException>map(k -> new StorageFaultException(target.location(), k, e))
                .orElseGet(() -> new StoreException(message + " (" + target.location() + "): " + e.getMessage(), e));
    }

    /** A double-quoted identifier: table and column names come from the catalogues, never from a user. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
