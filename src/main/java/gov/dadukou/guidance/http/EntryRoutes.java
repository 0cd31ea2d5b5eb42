package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.Assistant;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.admin.PhrasingTargets;
import gov.dadukou.guidance.admin.QuestionGaps;
import gov.dadukou.guidance.admin.StaffService;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Handlers of an entry's life in {@link AdminRoutes#table()}: listing, history and diff, drafting (by hand,
 * from a catalogue page, from a question people asked), review, publication and retirement, and the
 * import of the shipped base. Guarding (roles, CSRF) happens in the route table; each change that staff
 * make is written to the audit trail here. Stateless apart from its collaborators; thread-safe.
 */
final class EntryRoutes {
    private final Assistant assistant;
    private final PhrasingTargets phrasingTargets;
    /** Refuses a department the base does not know (400); null and blank pass. */
    private final UnaryOperator<String> departments;

    EntryRoutes(Assistant assistant, UnaryOperator<String> departments) {
        this.assistant = assistant;
        this.departments = departments;
        this.phrasingTargets = new PhrasingTargets(assistant.workflow(),
                text -> assistant.retriever().search(text).hits().stream().map(h -> h.entryId()).toList());
    }

    /** Every entry, or with {@code page} (from 1) and {@code size} one page of them in id order (for tools; the console pages through the queue). */
    void entries(Context ctx, StaffService.Session s) {
        if (ctx.queryParam("page") == null && ctx.queryParam("size") == null) {
            ctx.json(assistant.workflow().list());
            return;
        }
        int size = AdminRoutes.intParam(ctx, "size", 100, 1, 1_000);
        int page = AdminRoutes.intParam(ctx, "page", 1, 1, 1_000_000);
        ctx.json(assistant.workflow().list((page - 1) * size, size));
    }

    void entryHistory(Context ctx, StaffService.Session s) {
        ctx.json(assistant.workflow().history(ctx.pathParam("id")));
    }

    void entryDiff(Context ctx, StaffService.Session s) {
        ctx.json(assistant.workflow().diff(ctx.pathParam("id"), AdminRoutes.intParam(ctx, "from", 1, 1, 100_000), AdminRoutes.intParam(ctx, "to", 1, 1, 100_000)));
    }

    void createEntry(Context ctx, StaffService.Session s) {
        var v = assistant.workflow().create(s.account(), Json.object(ctx));
        assistant.staff().audit(s.account().username(), "create-entry", v.entryId());
        ctx.status(201).json(v);
    }

    void reviseEntry(Context ctx, StaffService.Session s) {
        var v = assistant.workflow().revise(s.account(), ctx.pathParam("id"), Json.object(ctx));
        assistant.staff().audit(s.account().username(), "revise-entry", v.entryId() + " v" + v.version());
        ctx.status(201).json(v);
    }

    void submitEntry(Context ctx, StaffService.Session s) {
        ctx.json(assistant.workflow().submit(s.account(), ctx.pathParam("id")));
    }

    void approveEntry(Context ctx, StaffService.Session s) {
        var v = assistant.workflow().approve(s.account(), ctx.pathParam("id"), comment(ctx));
        assistant.staff().audit(s.account().username(), "approve-entry", v.entryId() + " v" + v.version());
        ctx.json(v);
    }

    void rejectEntry(Context ctx, StaffService.Session s) {
        var v = assistant.workflow().reject(s.account(), ctx.pathParam("id"), comment(ctx));
        assistant.staff().audit(s.account().username(), "reject-entry", v.entryId() + " v" + v.version());
        ctx.json(v);
    }

    void publishEntry(Context ctx, StaffService.Session s) {
        var v = assistant.workflow().publish(s.account(), ctx.pathParam("id"));
        assistant.staff().audit(s.account().username(), "publish-entry", v.entryId() + " v" + v.version());
        ctx.json(v);
    }

    void retireEntry(Context ctx, StaffService.Session s) {
        assistant.workflow().retire(s.account(), ctx.pathParam("id"));
        assistant.staff().audit(s.account().username(), "retire-entry", ctx.pathParam("id"));
        ctx.json(Map.of("id", ctx.pathParam("id"), "status", "retired"));
    }

    /**
     * {@code POST /admin/api/import/html} {"html", "department"?, "dryRun"?}: drafts from a catalogue page;
     * with {@code "dryRun": true}, only what it would do ({"rows", "skipped"}), for the preview.
     */
    void importHtml(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        String html = Json.optionalString(body, "html");
        if (html == null || html.isBlank()) {
            throw ClientException.badRequest("missing_html", "请上传网页文件。");
        }
        var kb = assistant.knowledgeBase();
        var importer = new gov.dadukou.guidance.admin.HtmlCatalogueImporter(kb.departments().stream().map(d -> d.name()).toList(),
                gov.dadukou.guidance.knowledge.Method.labels());
        if (body.path("dryRun").asBoolean(false)) { // the preview: nothing stored, nothing audited
            ctx.json(assistant.drafts().previewHtml(s.account(), importer, html, departments.apply(Json.optionalString(body, "department"))));
            return;
        }
        var result = assistant.drafts().importHtml(s.account(), importer, html, departments.apply(Json.optionalString(body, "department")));
        assistant.staff().audit(s.account().username(), "import-html", result.get("created").size() + " drafts");
        ctx.status(201).json(result);
    }

    void draftFromQuestion(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        List<String> examples = new java.util.ArrayList<>();
        body.path("examples").forEach(e -> examples.add(e.asText()));
        if (examples.size() > QuestionGaps.MAX_DRAFT_EXAMPLES) {
            throw ClientException.badRequest("too_many_examples", "例句最多" + QuestionGaps.MAX_DRAFT_EXAMPLES + "条。");
        }
        var v = assistant.drafts().draftFromGap(s.account(), Json.optionalString(body, "question"), examples,
                departments.apply(Json.optionalString(body, "department")));
        assistant.staff().audit(s.account().username(), "draft-from-question", v.entryId());
        ctx.status(201).json(v);
    }

    /** {@code GET /admin/api/questions/targets?q=…}: entries the question could become a phrasing of. */
    void phrasingTargets(Context ctx, StaffService.Session s) {
        String q = ctx.queryParam("q");
        if (q != null && q.length() > 200) {
            throw ClientException.badRequest("invalid_q", "搜索内容不能超过200个字。");
        }
        ctx.json(phrasingTargets.find(s.account(), q));
    }

    void addPhrasing(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        var v = assistant.drafts().addPhrasing(s.account(), String.valueOf(Json.optionalString(body, "entryId")),
                Json.optionalString(body, "question"));
        assistant.staff().audit(s.account().username(), "add-phrasing", v.entryId() + " v" + v.version());
        ctx.status(201).json(v);
    }

    void importShipped(Context ctx, StaffService.Session s) {
        var result = assistant.workflow().importShipped(assistant.knowledgeBase());
        assistant.staff().audit(s.account().username(), "import", result.toString());
        ctx.json(result);
    }

    private static String comment(Context ctx) {
        return ctx.body().isBlank() ? null : Json.optionalString(Json.object(ctx), "comment");
    }}
