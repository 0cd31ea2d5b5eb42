package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.dadukou.guidance.Assistant;
import gov.dadukou.guidance.admin.EntryQueues;
import gov.dadukou.guidance.admin.PublicPreview;
import gov.dadukou.guidance.admin.StaffService;
import gov.dadukou.guidance.admin.Verification;
import io.javalin.http.Context;

/**
 * Handlers of the review work in {@link AdminRoutes#table()}: the queues by role and their counts, the public
 * preview of a version, and the confirmation of a staff-verification mark. Guarding (roles, CSRF) happens in
 * the route table. Stateless apart from its collaborators; thread-safe.
 */
final class ReviewRoutes {
    private final Assistant assistant;
    private final EntryQueues queues;

    ReviewRoutes(Assistant assistant, EntryQueues queues) {
        this.assistant = assistant;
        this.queues = queues;
    }

    /** {@code GET /admin/api/queue?view=&department=&kind=&method=&status=&marked=yes|no&q=&page=&size=}. */
    void queue(Context ctx, StaffService.Session s) {
        String marked = ctx.queryParam("marked");
        var filter = new EntryQueues.Filter(EntryQueues.View.of(ctx.queryParam("view")), ctx.queryParam("department"),
                ctx.queryParam("kind"), ctx.queryParam("method"), ctx.queryParam("status"),
                marked == null || marked.isBlank() ? null : marked.equals("yes"), ctx.queryParam("q"),
                AdminRoutes.intParam(ctx, "page", 1, 1, 1_000_000), AdminRoutes.intParam(ctx, "size", 50, 1, EntryQueues.MAX_PAGE));
        ctx.json(queues.page(s.account(), filter));
    }

    void queueCounts(Context ctx, StaffService.Session s) {
        ctx.json(queues.counts(s.account()));
    }

    /**
     * {@code GET /admin/api/entries/{id}/preview?version=N}: the chat reply that version would give the public,
     * plus {@code unpublishedSteps}: an overview's steps the public would not see because they are not published.
     */
    void entryPreview(Context ctx, StaffService.Session s) {
        var entry = assistant.workflow().entry(ctx.pathParam("id"), AdminRoutes.intParam(ctx, "version", 1, 1, 100_000));
        String contact = assistant.entries().department(entry.department()).map(d -> d.contact()).orElse(null);
        var preview = PublicPreview.of(entry, contact, assistant.entries()::get);
        ObjectNode body = Json.MAPPER.valueToTree(preview.reply());
        body.putPOJO("unpublishedSteps", preview.unpublishedSteps());
        ctx.json(body);
    }

    /** {@code POST .../verification} {"checked", "source", "sourceDate", "fields"?}: a version without the mark, in review. */
    void confirmVerification(Context ctx, StaffService.Session s) {
        JsonNode body = Json.object(ctx);
        var note = new Verification(Json.optionalString(body, "checked"), Json.optionalString(body, "source"),
                Json.optionalString(body, "sourceDate"));
        JsonNode fields = body.get("fields");
        var v = assistant.workflow().confirmVerification(s.account(), ctx.pathParam("id"), note,
                fields == null || fields.isNull() ? null : fields);
        assistant.staff().audit(s.account().username(), "confirm-verification", v.entryId() + " v" + v.version());
        ctx.status(201).json(v);
    }
}
