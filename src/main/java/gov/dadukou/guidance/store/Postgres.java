package gov.dadukou.guidance.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What only PostgreSQL needs: the connection pool, and whether a transaction wrote. */
final class Postgres {
    private Postgres() {
    }

    /**
     * A pool that fails fast: the first connection is made now, so a wrong URL, password or an unreachable server
     * stops start-up (exit 2) instead of the first request; at run time a request waits at most 5 s for a connection.
     *
     * @throws StorageFaultException {@link StorageFault#UNAVAILABLE} when the first connection cannot be made
     */
    static HikariDataSource pool(PostgresSettings settings, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setInitializationFailTimeout(1);
        config.setPoolName("guidance-db");
        // The server's time zone must not change what timestamps mean; every column stores UTC text or epoch values.
        config.addDataSourceProperty("ApplicationName", "guidance-assistant");
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StorageFaultException(settings.location(), StorageFault.of(cause).orElse(StorageFault.UNAVAILABLE), cause);
        }
    }

    /** Whether the current transaction has written anything (it has a transaction id only once it writes). */
    static boolean wroteInTransaction(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
