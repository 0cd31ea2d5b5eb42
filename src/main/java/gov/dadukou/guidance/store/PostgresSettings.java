package gov.dadukou.guidance.store;

import java.util.Objects;

/**
 * Where the shared PostgreSQL database is: {@code DATABASE_URL} ({@code jdbc:postgresql://host:port/db}),
 * {@code DATABASE_USER}, {@code DATABASE_PASSWORD}, and how many connections one instance may hold ({@code DATABASE_POOL_SIZE}). Immutable; {@link #toString()} never shows the password.
 */
public record PostgresSettings(String url, String user, String password, int poolSize) {
    public static final String URL_PREFIX = "jdbc:postgresql://";

    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("DATABASE_URL must start with " + URL_PREFIX);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
        }
    }

    /** The URL without its query string (which may carry a password), for logs and messages. */
    public String location() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** With the default pool size (tools and tests). */
    public PostgresSettings(String url, String user, String password) {
        this(url, user, password, 10);
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + location() + ", user=" + user + "]";
    }
}
