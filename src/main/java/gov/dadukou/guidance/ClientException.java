package gov.dadukou.guidance;

import java.util.Objects;

/**
 * A request the client got wrong. Carries the HTTP status, a stable machine-readable code and a
 * Chinese message fit to show to a business. Never used for server faults.
 */
public final class ClientException extends RuntimeException {
    private final int status;
    private final String code;

    public ClientException(int status, String code, String message) {
        super(Objects.requireNonNull(message, "message"));
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("client errors are 4xx: " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
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
