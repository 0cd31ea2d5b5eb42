package gov.dadukou.guidance.consent;

/**
 * A code was asked for a phone too soon after the last one, or too often in one day: HTTP 429 with
 * {@code Retry-After}. Carries a stable code and a Chinese message, like a client error.
 */
public final class CodeThrottledException extends RuntimeException {
    private final String code;
    private final long retryAfterSeconds;

    CodeThrottledException(String code, String message, long retryAfterSeconds) {
        super(message);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String code() {
        return code;
    }

    /** At least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
