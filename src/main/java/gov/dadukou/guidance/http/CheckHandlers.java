package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.check.CheckService;
import io.javalin.http.Context;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /api/check}: parse the answers, call the check, return JSON. */
final class CheckHandlers {
    /** More answers than any entry has conditions is a client's mistake, refused before looking. */
    private static final int MAX_ANSWERS = 32;

    private final CheckService checks;

    CheckHandlers(CheckService checks) {
        this.checks = checks;
    }

    /** {@code POST /api/check} {"entryId", "answers": {conditionId: true|false|null}}. */
    void check(Context ctx) {
        JsonNode body = Json.object(ctx);
        String entryId = Json.optionalString(body, "entryId");
        if (entryId == null || entryId.isBlank()) {
            throw ClientException.badRequest("missing_entry_id", "请说明要自查的是哪个条目（entryId）。");
        }
        ctx.json(checks.evaluate(entryId.strip(), answers(body.get("answers"))));
    }

    private static Map<String, Boolean> answers(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ClientException.badRequest("missing_answers", "请提交对各个问题的回答（answers）。");
        }
        if (!node.isObject() || node.size() > MAX_ANSWERS) {
            throw ClientException.badRequest("invalid_answers", "回答（answers）应是“条件编号: true、false 或 null”的对象。");
        }
        Map<String, Boolean> answers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (!value.isBoolean() && !value.isNull()) {
                throw ClientException.badRequest("invalid_answer", "条件“" + field.getKey() + "”的回答只能是 true（是）、false（否）或 null（不确定）。");
            }
            answers.put(field.getKey(), value.isNull() ? null : value.asBoolean());
        }
        return answers;
    }
}
