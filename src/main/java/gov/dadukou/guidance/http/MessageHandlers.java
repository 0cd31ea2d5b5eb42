package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.messages.MessageService;
import io.javalin.http.Context;

/**
 * Handlers of the public 留言咨询 API: parse, call {@link MessageService}, return JSON. The per-address limit on public
 * writes applies to every POST here (the {@code /api/*} filter in {@link HttpApp}).
 */
final class MessageHandlers {
    /** The message token may come in this header, the JSON body ({@code token}) or the {@code token} query parameter. */
    static final String TOKEN_HEADER = "X-Message-Token";
    private static final LinkToken LINK = new LinkToken(TOKEN_HEADER, "token", "请提供留言回执中的查询凭证。");

    private final MessageService messages;
    private final java.util.List<String> topics;

    MessageHandlers(MessageService messages, java.util.List<String> topics) {
        this.messages = messages;
        this.topics = java.util.List.copyOf(topics);
    }

    /**
     * {@code GET /api/messages/notice}: the call-back notice the contact box agrees to ({@code version}, {@code sha256},
     * {@code text}), with what the form offers: {@code topics} and the promised {@code replyWorkingDays}.
     */
    void notice(Context ctx) {
        var n = messages.notice();
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("version", n.version());
        body.put("sha256", n.sha256());
        body.put("text", n.text());
        body.put("topics", topics);
        body.put("replyWorkingDays", messages.replyWorkingDays());
        ctx.json(body);
    }

    /** {@code POST /api/messages}: 201 {ticket, token, dueDate, status, …}. */
    void submit(Context ctx) {
        JsonNode body = Json.object(ctx);
        ctx.status(201).json(messages.submit(new MessageService.Request(Json.optionalString(body, "question"),
                Json.optionalString(body, "companyName"), Json.optionalString(body, "creditCode"), Json.optionalString(body, "topic"),
                Json.optionalString(body, "contactName"), Json.optionalString(body, "phone"), bool(body, "callbackConsent"),
                integer(body, "noticeVersion"))));
    }

    /** {@code GET /api/messages/{ticket}} with the token. */
    void view(Context ctx) {
        ctx.json(messages.view(ctx.pathParam("ticket"), LINK.from(ctx)));
    }

    /** {@code POST /api/messages/{ticket}/rating} {"rating", "reason"?} with the token. */
    void rate(Context ctx) {
        JsonNode body = Json.object(ctx);
        ctx.json(messages.rate(ctx.pathParam("ticket"), LINK.from(ctx), Json.optionalString(body, "rating"),
                Json.optionalString(body, "reason")));
    }

    /** {@code POST /api/messages/{ticket}/withdraw} with the token. */
    void withdraw(Context ctx) {
        ctx.json(messages.withdraw(ctx.pathParam("ticket"), LINK.from(ctx)));
    }

    /** {@code POST /api/messages/{ticket}/erase} with the token: deletes the contact name and phone. */
    void erase(Context ctx) {
        ctx.json(messages.erase(ctx.pathParam("ticket"), LINK.from(ctx)));
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ClientException.badRequest("invalid_callback_consent", "字段 " + field + " 应是 true 或 false。");
        }
        return node.asBoolean();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ClientException.badRequest("invalid_notice_version", "告知版本号不正确。");
        }
        return node.asInt();
    }
}
