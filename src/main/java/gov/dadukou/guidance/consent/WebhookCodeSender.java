package gov.dadukou.guidance.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.webhook.SignedJsonPost;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Hands a one-time code to the operator's SMS gateway as a signed JSON POST ({@code CODE_WEBHOOK_URL},
 * {@code CODE_WEBHOOK_SECRET}): {@code {"purpose": "consent-code", "phone", "code", "validMinutes", "text"}}, where
 * {@code text} is the whole message to send (the gateway adds its registered signature). Each code is its own
 * message, with its own {@code Idempotency-Key}. The body holds the code in clear, which is why the address
 * must be https (or this machine). Keeps nothing. Thread-safe.
 */
public final class WebhookCodeSender implements CodeSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A short wait: the person is looking at the form. A failure answers 503 and the code may be asked again. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SignedJsonPost post;

    public WebhookCodeSender(URI url, String secret) {
        this.post = new SignedJsonPost(url, secret, TIMEOUT);
    }

    /** The text of the message, the same whoever sends it. */
    static String text(String code, int validMinutes) {
        return "您正在办理大渡口区行政指导提醒的同意手续，验证码：" + code + "，" + validMinutes
                + "分钟内有效。请勿告诉他人；如非本人操作，请忽略本短信。";
    }

    @Override
    public void send(String phone, String code, int validMinutes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "consent-code");
        body.put("phone", phone);
        body.put("code", code);
        body.put("validMinutes", validMinutes);
        body.put("text", text(code, validMinutes));
        try {
            post.post("consent-code-" + UUID.randomUUID(), JSON.writeValueAsString(body));
        } catch (SignedJsonPost.Failed e) {
            throw new SendException("SMS gateway: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("code message is serialisable", e);
        }
    }
}
