package gov.dadukou.guidance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link DatabaseCopy} needs to know about the two schemas, read from the databases themselves (never a
 * hand-kept list of tables that goes stale when a migration adds one): the application tables and their columns on
 * each side, and on the PostgreSQL side the column types, the identity (sequence) columns and the foreign keys that
 * decide the copy order. Flyway's history table is not application data: each side keeps its own. Stateless.
 */
final class CopySchema {
    /** A target column: its name and PostgreSQL type ({@code information_schema.columns.data_type}). */
    record Column(String name, String type) {
    }

    /** An application table of the target: its columns in table order, and which of them draw from a sequence. */
    record Table(String name, List<Column> columns, List<String> sequenceColumns) {
    }

    private CopySchema() {
    }

    /** The application tables of a SQLite database, by name, each with its column names. */
    static Map<String, Set<String>> sqliteTables(Connection c) throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String name : names) {
            if (name.equals(Migrations.HISTORY_TABLE)) {
                continue;
            }
            Set<String> columns = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
            tables.put(name.toLowerCase(Locale.ROOT), columns);
        }
        return tables;
    }

    /** The application tables in the connection's current schema of a PostgreSQL database, by name. */
    static Map<String, Table> postgresTables(Connection c) throws SQLException {
        Map<String, List<Column>> columns = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.table_name, c.column_name, c.data_type "
                + "FROM information_schema.columns c JOIN information_schema.tables t "
                + "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                + "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position")) {
            while (rs.next()) {
                if (!rs.getString(1).equals(Migrations.HISTORY_TABLE)) {
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Column(rs.getString(2), rs.getString(3)));
                }
            }
        }
        Map<String, List<String>> sequences = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')")) {
            while (rs.next()) {
                sequences.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        Map<String, Table> tables = new TreeMap<>();
        columns.forEach((name, cols) -> tables.put(name, new Table(name, List.copyOf(cols), List.copyOf(sequences.getOrDefault(name, List.of())))));
        return tables;
    }

    /**
     * Every table, referenced tables before the tables that reference them (foreign keys of the current schema), ties
     * in name order so that the order is the same on every run.
     *
     * @throws StoreException when the foreign keys form a cycle (no insert order satisfies them)
     */
    static List<String> insertOrder(Connection c, Set<String> tables) throws SQLException {
        Map<String, Set<String>> dependsOn = new TreeMap<>();
        tables.forEach(t -> dependsOn.put(t, new TreeSet<>()));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT con.conrelid::regclass::text, con.confrelid::regclass::text "
                + "FROM pg_constraint con WHERE con.contype = 'f' AND con.connamespace = current_schema()::regnamespace")) {
            while (rs.next()) {
                String from = unquote(rs.getString(1));
                String to = unquote(rs.getString(2));
                if (!from.equals(to) && dependsOn.containsKey(from) && tables.contains(to)) {
                    dependsOn.get(from).add(to);
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (order.size() < dependsOn.size()) {
            String next = dependsOn.entrySet().stream().filter(e -> !placed.contains(e.getKey()) && placed.containsAll(e.getValue()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new StoreException("foreign keys form a cycle among " + unplaced(dependsOn, placed)));
            order.add(next);
            placed.add(next);
        }
        return Collections.unmodifiableList(order);
    }

    private static Set<String> unplaced(Map<String, Set<String>> dependsOn, Set<String> placed) {
        Set<String> rest = new TreeSet<>(dependsOn.keySet());
        rest.removeAll(placed);
        return rest;
    }

    /** regclass::text quotes names that need it and prefixes a schema not on the search path; ours need neither. */
    private static String unquote(String regclass) {
        String name = regclass.substring(regclass.lastIndexOf('.') + 1);
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }

    /**
     * What stops a copy, one line each: a table only the source has (its rows would be lost), or a column only one
     * side of a common table has. A table only the target has is no obstacle: state that only PostgreSQL keeps (shared
     * rate-limit buckets, for one) starts empty there.
     */
    static List<String> differences(Map<String, Set<String>> source, Map<String, Table> target) {
        List<String> out = new ArrayList<>();
        for (String table : source.keySet()) {
            if (!target.containsKey(table)) {
                out.add("table " + table + " only in the SQLite source");
                continue;
            }
            Set<String> targetColumns = new TreeSet<>();
            target.get(table).columns().forEach(col -> targetColumns.add(col.name()));
            Map<String, String> side = new LinkedHashMap<>();
            source.get(table).stream().filter(col -> !targetColumns.contains(col)).forEach(col -> side.put(col, "SQLite source"));
            targetColumns.stream().filter(col -> !source.get(table).contains(col)).forEach(col -> side.put(col, "PostgreSQL target"));
            side.forEach((col, where) -> out.add("column " + table + "." + col + " only in the " + where));
        }
        return out;
    }
}
