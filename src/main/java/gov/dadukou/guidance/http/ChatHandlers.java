package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.Assistant;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** Handlers of the public chat API: parse, call the service, return JSON. */
final class ChatHandlers {
    private final Assistant assistant;

    ChatHandlers(Assistant assistant) {
        this.assistant = assistant;
    }

    /** {@code POST /api/chat} {"question", "sessionId"?}. */
    void chat(Context ctx) {
        JsonNode body = Json.object(ctx);
        ctx.json(assistant.chat().ask(Json.optionalString(body, "question"), Json.optionalString(body, "sessionId")));
    }

    /**
     * {@code GET /health}: 200 once the index is built (the app is not served before that) and while the
     * database can be written; 503 naming the database when a write failed for the storage and none has
     * succeeded since (the check then tries one write itself, at most once a second).
     */
    void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        var fault = assistant.storageHealth().check();
        body.put("status", fault.isEmpty() ? "ok" : "unavailable");
        fault.ifPresent(f -> {
            body.put("failing", "database");
            body.put("error", ErrorBody.of("storage_unavailable",
                    "数据库文件" + f.kind().chinese() + "，同意记录、反馈等暂时无法保存。").error());
        });
        body.put("database", fault.<Map<String, Object>>map(f -> Map.of("ok", false, "problem", f.kind().code()))
                .orElse(Map.of("ok", true)));
        body.put("entries", assistant.indexedEntries());
        body.put("knowledgeBaseVersion", assistant.knowledgeBase().version());
        var ledger = assistant.consent().lastVerification();
        body.put("consentLedger", ledger.ok() ? Map.of("ok", true, "verifiedEvents", ledger.events())
                : Map.of("ok", false, "firstBadEvent", ledger.firstBadSeq()));
        ctx.status(fault.isEmpty() ? 200 : 503).json(body);
    }
}
