package gov.dadukou.guidance.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import gov.dadukou.guidance.ClientException;
import io.javalin.http.Context;

import java.util.Locale;

/** Reading JSON request bodies strictly, with errors a business can read. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Request bodies are read strictly: one JSON value and nothing after it, and no key twice (which of
     * two values would count is a question a client should never leave us to answer).
     */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = MAPPER.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    /** The body as a JSON object, or a 415/400 {@link ClientException}. */
    static JsonNode object(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            throw new ClientException(415, "unsupported_media_type", "请求格式不正确：请以 application/json 提交。");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body(ctx));
        } catch (JacksonException e) {
            throw ClientException.badRequest("invalid_json", "请求内容不是有效的 JSON。");
        } catch (java.io.IOException e) {
            // The client went away mid-body (or the body deadline closed it): its problem, not a fault of ours.
            ClientGone.note(ctx.method() + " " + ctx.path(), e);
            throw ClientException.badRequest("incomplete_body", "请求内容没有完整收到，请重新提交。");
        }
        if (node == null || !node.isObject()) {
            throw ClientException.badRequest("invalid_json", "请求内容应是一个 JSON 对象。");
        }
        return node;
    }

    /**
     * The body's bytes. Javalin reports a failed read as an unchecked wrapper; the cause is unwrapped so
     * that a client that hung up is told apart from a fault of ours.
     */
    private static byte[] body(Context ctx) throws java.io.IOException {
        try {
            return ctx.bodyAsBytes();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.io.IOException io) {
                    throw io;
                }
            }
            throw e;
        }
    }

    /** An optional string field: null when absent or JSON null; 400 when present but not a string. */
    static String optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ClientException.badRequest("invalid_" + snake(field), "字段 " + field + " 应是文本。");
        }
        return value.asText();
    }

    private static String snake(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
