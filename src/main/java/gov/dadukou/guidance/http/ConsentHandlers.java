package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.consent.CodeSender;
import gov.dadukou.guidance.consent.CodeThrottledException;
import gov.dadukou.guidance.consent.ConsentRequest;
import gov.dadukou.guidance.consent.ConsentService;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Handlers of the consent API: parse, call the service, return JSON. */
final class ConsentHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentHandlers.class);
    /** The withdrawal token may come in this header, the JSON body, or the {@code token} query parameter. */
    static final String TOKEN_HEADER = "X-Withdraw-Token";
    private static final LinkToken LINK = new LinkToken(TOKEN_HEADER, "withdrawToken", "请提供回执中的撤回凭证。");

    private final ConsentService consent;

    ConsentHandlers(ConsentService consent) {
        this.consent = consent;
    }

    /** {@code GET /api/consent/notice}. */
    void notice(Context ctx) {
        ctx.json(consent.notice());
    }

    /** {@code POST /api/consents}: 201 with the receipt. */
    void grant(Context ctx) {
        JsonNode body = Json.object(ctx);
        ConsentRequest request = new ConsentRequest(
                Json.optionalString(body, "companyName"), Json.optionalString(body, "creditCode"),
                Json.optionalString(body, "contactName"), Json.optionalString(body, "phone"),
                topics(body), noticeVersion(body), agreed(body), Json.optionalString(body, "code"));
        ctx.status(201).json(consent.grant(request));
    }

    /**
     * {@code POST /api/consents/codes} {@code {"phone"}}: 202 with {@code expiresAt}, {@code validMinutes},
     * {@code resendAfterSeconds}; 429 with {@code Retry-After} when asked again too soon; 503 when the
     * channel did not take the code (not the client's mistake, and the client may simply try again).
     */
    void requestCode(Context ctx) {
        JsonNode body = Json.object(ctx);
        try {
            ctx.status(202).json(consent.requestCode(Json.optionalString(body, "phone")));
        } catch (CodeThrottledException e) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            HttpApp.error(ctx, 429, e.code(), e.getMessage());
        } catch (CodeSender.SendException e) {
            LOG.error("verification code not sent: {}", e.getMessage(), e);
            HttpApp.error(ctx, 503, "code_not_sent", "验证码暂时无法发送，请稍后再试；也可以不填验证码提交（记录为“未验证”）。");
        }
    }

    /** {@code GET /api/consents/{receiptId}} with the token. */
    void view(Context ctx) {
        ctx.json(consent.view(ctx.pathParam("receiptId"), LINK.from(ctx)));
    }

    /** {@code POST /api/consents/{receiptId}/withdraw} with the token: effective at once. */
    void withdraw(Context ctx) {
        ctx.json(consent.withdraw(ctx.pathParam("receiptId"), LINK.from(ctx)));
    }

    /** {@code POST /api/consents/{receiptId}/erase} with the token: deletes contact name and phone. */
    void erase(Context ctx) {
        ctx.json(consent.eraseContact(ctx.pathParam("receiptId"), LINK.from(ctx)));
    }

    private static List<String> topics(JsonNode body) {
        JsonNode node = body.get("topics");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ClientException.badRequest("invalid_topics", "主题应是一个列表。");
        }
        List<String> topics = new ArrayList<>();
        for (JsonNode t : node) {
            if (!t.isTextual()) {
                throw ClientException.badRequest("invalid_topics", "主题应是文本。");
            }
            topics.add(t.asText());
        }
        return topics;
    }

    private static Integer noticeVersion(JsonNode body) {
        JsonNode node = body.get("noticeVersion");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw ClientException.badRequest("invalid_notice_version", "告知书版本号不正确。");
        }
        return node.asInt();
    }

    private static Boolean agreed(JsonNode body) {
        JsonNode node = body.get("agreed");
        return node != null && node.isBoolean() ? node.asBoolean() : null;
    }
}
