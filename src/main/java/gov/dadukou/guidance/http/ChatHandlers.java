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

    /** {@code GET /health}: 200 once the index is built (the app is not served before that). */
    void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("entries", assistant.indexedEntries());
        body.put("knowledgeBaseVersion", assistant.knowledgeBase().version());
        var ledger = assistant.consent().lastVerification();
        body.put("consentLedger", ledger.ok() ? Map.of("ok", true, "verifiedEvents", ledger.events())
                : Map.of("ok", false, "firstBadEvent", ledger.firstBadSeq()));
        ctx.json(body);
    }
}
