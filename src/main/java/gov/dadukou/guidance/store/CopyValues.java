package gov.dadukou.guidance.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * One SQLite value into one PostgreSQL column, by the target column's type. SQLite stores whatever a column is given
 * (type affinity), PostgreSQL does not: a value that does not fit the target type stops the copy with the table,
 * column and row named, rather than being turned into something else (SQLite's JDBC driver reads a text that is not
 * a number as 0). Stateless.
 */
final class CopyValues {
    private CopyValues() {
    }

    /**
     * Reads column {@code i} of the current source row and binds it as parameter {@code i}.
     *
     * @param type  the target's {@code information_schema} data type ({@code bigint}, {@code text} …)
     * @param where {@code table.column}, for the message
     * @param row   the source row's position (from 1), for the message
     * @throws StoreException when the value does not fit the target type
     */
    static void bind(ResultSet rs, PreparedStatement ps, int i, String type, String where, long row) throws SQLException {
        Object value = rs.getObject(i);
        if (value == null) {
            ps.setNull(i, sqlType(type));
            return;
        }
        switch (type) {
            case "bigint", "integer", "smallint" -> ps.setLong(i, integer(value, where, row));
            case "double precision", "real", "numeric" -> ps.setDouble(i, real(value, where, row));
            case "text", "character varying", "character" -> ps.setString(i, rs.getString(i)); // SQLite's own text of it
            case "boolean" -> ps.setBoolean(i, integer(value, where, row) != 0);
            case "bytea" -> ps.setBytes(i, rs.getBytes(i));
            default -> ps.setObject(i, value);
        }
    }

    private static long integer(Object value, String where, long row) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return d.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw misfit(value, "an integer", where, row);
            }
        }
        throw misfit(value, "an integer", where, row);
    }

    private static double real(Object value, String where, long row) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw misfit(value, "a number", where, row);
        }
    }

    private static StoreException misfit(Object value, String expected, String where, long row) {
        String shown = String.valueOf(value);
        return new StoreException("源库的值不符合目标列的类型 / a source value does not fit the target column: " + where + ", row " + row
                + ", is not " + expected + ": " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown));
    }

    private static int sqlType(String type) {
        return switch (type) {
            case "bigint" -> Types.BIGINT;
            case "integer" -> Types.INTEGER;
            case "smallint" -> Types.SMALLINT;
            case "double precision" -> Types.DOUBLE;
            case "real" -> Types.REAL;
            case "numeric" -> Types.NUMERIC;
            case "boolean" -> Types.BOOLEAN;
            case "bytea" -> Types.BINARY;
            default -> Types.VARCHAR;
        };
    }
}
