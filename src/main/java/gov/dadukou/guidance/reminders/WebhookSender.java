package gov.dadukou.guidance.reminders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.webhook.SignedJsonPost;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivers a reminder as a JSON POST ({@link SignedJsonPost}: any 2xx is success; {@code Idempotency-Key} is the
 * delivery id, the same on every retry; {@code X-Signature} when a secret is configured). Thread-safe.
 */
public final class WebhookSender implements ReminderSender {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedJsonPost post;

    public WebhookSender(URI url, String secret, Duration timeout) {
        this.post = new SignedJsonPost(url, secret, timeout);
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
        try {
            post.post(idempotencyKey, body);
        } catch (SignedJsonPost.Failed e) {
            throw new DeliveryException(e.getMessage(), e.getCause());
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
}
