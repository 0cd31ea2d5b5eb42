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

    private Json() {
    }

    /** The body as a JSON object, or a 415/400 {@link ClientException}. */
    static JsonNode object(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new ClientException(415, "unsupported_media_type", "请求格式不正确：请以 application/json 提交。");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(ctx.bodyAsBytes());
        } catch (JacksonException e) {
            throw ClientException.badRequest("invalid_json", "请求内容不是有效的 JSON。");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading an in-memory body", e);
        }
        if (node == null || !node.isObject()) {
            throw ClientException.badRequest("invalid_json", "请求内容应是一个 JSON 对象。");
        }
        return node;
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
