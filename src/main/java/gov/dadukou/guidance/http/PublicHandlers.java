package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.Assistant;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.knowledge.Catalogue;
import gov.dadukou.guidance.knowledge.Kind;
import gov.dadukou.guidance.knowledge.Method;
import gov.dadukou.guidance.search.CatalogueSearch;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** The public catalogue and answer feedback: parse, call a service, return JSON. */
final class PublicHandlers {
    private final Assistant assistant;

    PublicHandlers(Assistant assistant) {
        this.assistant = assistant;
    }

    /**
     * {@code GET /api/catalogue?q=…&department=…&method=…&kind=…&topic=…}: the grouped catalogue, and for a
     * search also {@code searched} (the query as analysed: simplified, typos corrected) and {@code results}
     * (the same items as one list, best first). {@code kinds} and {@code methods} are the labels the filters
     * accept, in the catalogue's order, so that the page's lists never fall behind the server's.
     */
    void catalogue(Context ctx) {
        Catalogue.Filter filter = filter(ctx);
        String query = blankToNull(ctx.queryParam("q"));
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            CatalogueSearch.Result found = assistant.catalogueSearch().search(query, assistant.entries().all());
            filter = new Catalogue.Filter(found.ranked().stream().map(CatalogueSearch.Ranked::entryId).toList(),
                    filter.department(), filter.method(), filter.kind(), filter.topic());
            body.put("searched", found.searched());
        }
        var groups = Catalogue.of(assistant.entries(), assistant.knowledgeBase().departments(), filter);
        body.put("count", groups.stream().mapToInt(Catalogue.DepartmentGroup::count).sum());
        body.put("departments", groups);
        if (query != null) {
            body.put("results", Catalogue.ranked(assistant.entries(), filter));
        }
        body.put("kinds", Kind.labels());
        body.put("methods", Method.labels());
        ctx.json(body);
    }

    /** The filters of a catalogue request; an unknown value is the client's mistake (400), not an empty list. */
    private Catalogue.Filter filter(Context ctx) {
        String department = blankToNull(ctx.queryParam("department"));
        if (department != null && assistant.knowledgeBase().department(department).isEmpty()) {
            throw ClientException.badRequest("unknown_department", "没有这个实施单位：" + department + "。");
        }
        String method = blankToNull(ctx.queryParam("method"));
        if (method != null && !method.equals("其他") && Method.fromLabel(method).isEmpty()) {
            throw ClientException.badRequest("unknown_method", "没有这种行政指导方式：" + method + "。");
        }
        String kind = blankToNull(ctx.queryParam("kind"));
        if (kind != null && Kind.fromLabel(kind).isEmpty()) {
            throw ClientException.badRequest("unknown_kind", "没有这种事项类别：" + kind + "。");
        }
        String topic = blankToNull(ctx.queryParam("topic"));
        if (topic != null && !assistant.knowledgeBase().topics().contains(topic)) {
            throw ClientException.badRequest("unknown_topic", "没有这个主题：" + topic + "。");
        }
        String query = blankToNull(ctx.queryParam("q"));
        if (query != null && query.length() > 100) {
            throw ClientException.badRequest("query_too_long", "搜索词不能超过100个字。");
        }
        return new Catalogue.Filter(null, department, method, kind, topic);
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
