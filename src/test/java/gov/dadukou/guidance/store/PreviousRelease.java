package gov.dadukou.guidance.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A SQLite database as a release before Flyway left it: the SQLite migrations up to a version applied by hand,
 * and that version in {@code PRAGMA user_version}, as the old runner did (no Flyway history table).
 */
public final class PreviousRelease {
    private static final List<String> SQLITE = List.of("V1__consent_ledger.sql", "V2__reminder_deliveries.sql",
            "V3__feedback.sql", "V4__staff.sql", "V5__entry_versions.sql", "V6__consent_state.sql",
            "V7__staff_hardening.sql", "V8__review_queues.sql", "V9__feedback_questions_last_login.sql", "V10__checks.sql");

    private PreviousRelease() {
    }

    /** Applies the SQLite migrations 1..{@code version} on {@code c} and records the version as the old runner did. */
    public static void schema(Connection c, int version) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String name : IntStream.rangeClosed(1, version).mapToObj(v -> SQLITE.get(v - 1)).toList()) {
                for (String statement : statements(resource("/db/sqlite/" + name))) {
                    s.execute(statement);
                }
            }
            s.execute("PRAGMA user_version = " + version);
        }
    }

    /** The old runner's splitting: on semicolons at line ends, trigger bodies (ending with END;) whole. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean trigger = false;
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            trigger |= t.toUpperCase(Locale.ROOT).startsWith("CREATE TRIGGER");
            if (trigger ? t.equalsIgnoreCase("END;") : t.endsWith(";")) {
                out.add(current.toString());
                current.setLength(0);
                trigger = false;
            }
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = PreviousRelease.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no such migration: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
