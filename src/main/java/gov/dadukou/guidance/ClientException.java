package gov.dadukou.guidance;

import java.util.Objects;

/**
 * A request the client got wrong. Carries the HTTP status, a stable machine-readable code and a
 * Chinese message fit to show to a business. Never used for server faults.
 */
public final class ClientException extends RuntimeException {
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public ClientException(int status, String code, String message) {
        this(status, code, message, 0);
    }

    private ClientException(int status, String code, String message, long retryAfterSeconds) {
        super(Objects.requireNonNull(message, "message"));
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("client errors are 4xx: " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** {@code 429 rate_limited}: this client sent too much; it may try again after the given seconds (at least 1). */
    public static ClientException rateLimited(long retryAfterSeconds, String message) {
        return new ClientException(429, "rate_limited", message, Math.max(1, retryAfterSeconds));
    }

    /**
     * {@code 429} with a code of its own (staff logins: {@code too_many_attempts}, kept from before the
     * public rate limits) and the seconds for {@code Retry-After} (at least 1).
     */
    public static ClientException tooManyRequests(String code, long retryAfterSeconds, String message) {
        return new ClientException(429, code, message, Math.max(1, retryAfterSeconds));
    }

    /** Seconds after which the client may retry ({@code Retry-After}); 0 when it does not apply. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ClientException badRequest(String code, String message) {
        return new ClientException(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
