package gov.dadukou.guidance.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PostgreSQL migrations (db/postgresql) build the schema the SQLite ones build: one file per version with the
 * same name, and after the last the same tables, columns in the same order (VersionRows inserts without a column
 * list), nullability, indexes and append-only triggers. The comparison runs on a
 * fresh database of the test cluster ({@code PostgresServer}).
 */
class PostgresSchemaTest {
    private static final Path RESOURCES = Path.of("src/main/resources/db");
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.+\\.sql");
    /** SQLite's declared type → the PostgreSQL types that keep its meaning. */
    private static final Map<String, Set<String>> TYPES = Map.of("INTEGER", Set.of("bigint", "integer", "smallint"),
            "TEXT", Set.of("text"), "REAL", Set.of("double precision"), "BLOB", Set.of("bytea"));

    @TempDir
    Path dir;

    @Test
    void everySqliteMigrationHasAPostgresqlTwinOfTheSameNameAndNoneMore() throws IOException {
        List<String> sqlite = migrations(RESOURCES.resolve("sqlite"));
        assertFalse(sqlite.isEmpty());
        assertEquals(sqlite, migrations(RESOURCES.resolve("postgresql")));
    }

    @Test
    void afterTheLastVersionPostgresqlHasTheTablesColumnsIndexesAndTriggersOfSqlite() throws Exception {
        Map<String, List<String>> liteColumns = new TreeMap<>();
        Set<String> liteIndexes = new TreeSet<>();
        Set<String> liteTriggers = new TreeSet<>();
        // SQLite's schema as the application builds it (Flyway over db/sqlite).
        try (Database db = Database.open(dir.resolve("schema.db"))) {
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master "
                            + "WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '" + Migrations.HISTORY_TABLE + "%'")) {
                        while (rs.next()) {
                            switch (rs.getString(1)) {
                                case "table" -> liteColumns.put(rs.getString(2), null);
                                case "index" -> liteIndexes.add(rs.getString(2));
                                case "trigger" -> liteTriggers.add(rs.getString(2));
                                default -> { }
                            }
                        }
                    }
                    for (String table : liteColumns.keySet()) {
                        List<String> columns = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
                            while (rs.next()) {
                                String type = rs.getString(3).toUpperCase(java.util.Locale.ROOT);
                                // A single INTEGER PRIMARY KEY is the rowid: never NULL although not declared so.
                                boolean notNull = rs.getInt(4) == 1 || rs.getInt(6) > 0;
                                columns.add(rs.getString(2) + "|" + type + "|" + notNull);
                            }
                        }
                        liteColumns.put(table, columns);
                    }
                }
                return null;
            });
        }

        String schema = "schema_check_" + UUID.randomUUID().toString().replace("-", "");
        gov.dadukou.guidance.PostgresServer.Database database = gov.dadukou.guidance.PostgresServer.shared().createDatabase();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            try {
                s.execute("SET search_path TO " + schema);
                for (String name : migrations(RESOURCES.resolve("postgresql"))) {
                    s.execute(Files.readString(RESOURCES.resolve("postgresql").resolve(name)));
                }
                Map<String, List<String>> pgColumns = new TreeMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT table_name, column_name, data_type, is_nullable "
                        + "FROM information_schema.columns WHERE table_schema = ? AND table_name <> '" + Migrations.HISTORY_TABLE + "' "
                        + "ORDER BY table_name, ordinal_position")) {
                    ps.setString(1, schema);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            pgColumns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                                    .add(rs.getString(2) + "|" + rs.getString(3) + "|" + "NO".equals(rs.getString(4)));
                        }
                    }
                }
                assertEquals(liteColumns.keySet(), pgColumns.keySet(), "tables");
                for (String table : liteColumns.keySet()) {
                    List<String> lite = liteColumns.get(table);
                    List<String> pg = pgColumns.get(table);
                    assertEquals(lite.size(), pg.size(), table + ": " + lite + " vs " + pg);
                    for (int i = 0; i < lite.size(); i++) {
                        String[] l = lite.get(i).split("\\|");
                        String[] p = pg.get(i).split("\\|");
                        assertEquals(l[0], p[0], table + " column " + (i + 1));
                        assertTrue(TYPES.get(l[1]).contains(p[1]), table + "." + l[0] + ": " + l[1] + " became " + p[1]);
                        assertEquals(l[2], p[2], table + "." + l[0] + " NOT NULL");
                    }
                }
                assertEquals(liteIndexes, names(c, "SELECT indexname FROM pg_indexes WHERE schemaname = ? "
                        + "AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'", schema), "indexes");
                Set<String> pgTriggers = names(c, "SELECT t.tgname FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid "
                        + "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = ? AND NOT t.tgisinternal", schema);
                assertTrue(pgTriggers.containsAll(liteTriggers), "triggers: " + pgTriggers + " lacks some of " + liteTriggers);
            } finally {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** The migration files of a folder, in version order. */
    private static List<String> migrations(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> VERSION.matcher(n).matches())
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
    }

    private static int version(String name) {
        Matcher m = VERSION.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Set<String> names(Connection c, String sql, String schema) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
