package gov.dadukou.guidance.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * One JSON POST to an operator's system (the reminder webhook, the SMS gateway for one-time codes). Any 2xx is
 * success. Headers: {@code Idempotency-Key} (the caller's, the same on every retry of one message) and, when a
 * secret is configured, {@code X-Signature: sha256=<hex>}, an HMAC-SHA256 of the body, so that the receiver can
 * refuse anything we did not send. Thread-safe.
 */
public final class SignedJsonPost {
    private final URI url;
    private final byte[] secret;
    private final HttpClient client;
    private final Duration timeout;

    /** The POST did not succeed; the message is for the server log (it never holds the body). */
    public static final class Failed extends RuntimeException {
        public Failed(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** @param secret null or empty: no signature */
    public SignedJsonPost(URI url, String secret, Duration timeout) {
        this.url = url;
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @throws Failed when the receiver is unreachable, too slow, or answers anything but 2xx */
    public void post(String idempotencyKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (secret != null) {
            request.header("X-Signature", "sha256=" + hmac(body));
        }
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new Failed("webhook answered HTTP " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new Failed("webhook unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", e);
        }
    }

    private String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
