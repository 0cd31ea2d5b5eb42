package gov.dadukou.guidance.reminders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivers a reminder as a JSON POST. Any 2xx is success. Headers: {@code Idempotency-Key} (the delivery
 * id, the same on every retry) and, when a secret is configured, {@code X-Signature: sha256=<hex>}, an
 * HMAC-SHA256 of the body. Thread-safe.
 */
public final class WebhookSender implements ReminderSender {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final byte[] secret;
    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(URI url, String secret, Duration timeout) {
        this.url = url;
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void send(Delivery d) {
        post("reminder-delivery-" + d.deliveryId(), body(d));
    }

    /** The notice's body as JSON, with the same headers and signature as a reminder. */
    @Override
    public void sendNotice(Notice notice) {
        try {
            post(notice.idempotencyKey(), JSON.writeValueAsString(notice.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notice body is serialisable", e);
        }
    }

    private void post(String idempotencyKey, String body) {
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
                throw new DeliveryException("webhook answered HTTP " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new DeliveryException("webhook unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", e);
        }
    }

    static String body(Delivery d) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("receiptId", d.recipient().receiptId());
        recipient.put("companyName", d.recipient().companyName());
        recipient.put("creditCode", d.recipient().creditCode());
        recipient.put("contactName", d.recipient().contactName());
        recipient.put("phone", d.recipient().phone());
        recipient.put("phoneVerified", d.recipient().verified());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", d.deliveryId());
        body.put("season", d.season());
        body.put("reminder", d.reminder());
        body.put("recipient", recipient);
        body.put("notice", "行政指导不具有强制力，是否采纳由您自愿决定。如不再需要提醒，可凭回执随时撤回同意。");
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("delivery body is serialisable", e);
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
