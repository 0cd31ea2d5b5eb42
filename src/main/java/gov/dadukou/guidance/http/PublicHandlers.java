package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.Assistant;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.knowledge.Catalogue;
import gov.dadukou.guidance.knowledge.Method;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The public catalogue and answer feedback: parse, call a service, return JSON. */
final class PublicHandlers {
    private final Assistant assistant;

    PublicHandlers(Assistant assistant) {
        this.assistant = assistant;
    }

    /** {@code GET /api/catalogue?q=…&department=…&method=…}. */
    void catalogue(Context ctx) {
        String department = blankToNull(ctx.queryParam("department"));
        if (department != null && assistant.knowledgeBase().department(department).isEmpty()) {
            throw ClientException.badRequest("unknown_department", "没有这个实施单位：" + department + "。");
        }
        String method = blankToNull(ctx.queryParam("method"));
        if (method != null && !method.equals("其他") && Arrays.stream(Method.values()).noneMatch(m -> m.label().equals(method))) {
            throw ClientException.badRequest("unknown_method", "没有这种行政指导方式：" + method + "。");
        }
        String query = blankToNull(ctx.queryParam("q"));
        if (query != null && query.length() > 100) {
            throw ClientException.badRequest("query_too_long", "搜索词不能超过100个字。");
        }
        var groups = Catalogue.of(assistant.entries(), assistant.knowledgeBase().departments(), query, department, method);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", groups.stream().mapToInt(Catalogue.DepartmentGroup::count).sum());
        body.put("departments", groups);
        ctx.json(body);
    }

    /** {@code POST /api/feedback} {"entryId", "helpful": true|false, "reason"?, "questionId"?}: 201. */
    void feedback(Context ctx) {
        JsonNode body = Json.object(ctx);
        JsonNode helpful = body.get("helpful");
        assistant.feedback().record(Json.optionalString(body, "entryId"),
                helpful != null && helpful.isBoolean() ? helpful.asBoolean() : null, Json.optionalString(body, "reason"),
                Json.optionalString(body, "questionId"));
        ctx.status(201).json(Map.of("status", "recorded"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
