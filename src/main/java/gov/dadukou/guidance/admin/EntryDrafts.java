package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.chat.PersonalData;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drafts started in one step from what businesses ask (a new entry around an unanswered question, or a
 * question added as a phrasing of an existing entry) or from a department's published catalogue page.
 * Everything goes through {@link EntryWorkflow}, so the same roles, validation and versions apply.
 * Thread-safe.
 */
public final class EntryDrafts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EntryWorkflow workflow;
    private final Clock clock;

    public EntryDrafts(EntryWorkflow workflow, Clock clock) {
        this.workflow = workflow;
        this.clock = clock;
    }

    /** One step from a question businesses asked: a new draft entry around it, to be completed by staff. */
    public EntryVersion draftFromQuestion(StaffService.Account who, String question, String department) {
        return draftFromGap(who, question, List.of(), department);
    }

    /**
     * One step from a group of unanswered questions: a new draft entry titled by its representative, with
     * the representative and every example as candidate phrasings (masked again here: the client sends
     * them, and masking twice changes nothing). An editor's draft belongs to the editor's department,
     * whatever is sent; an admin's to the department chosen.
     *
     * @throws ClientException 400 {@code missing_question}, or {@code missing_department} when an admin
     *                         chose none
     */
    public EntryVersion draftFromGap(StaffService.Account who, String question, List<String> examples, String department) {
        String q = question == null ? "" : PersonalData.mask(question.strip());
        if (q.isEmpty()) {
            throw ClientException.badRequest("missing_question", "请提供问题。");
        }
        String dept = who.role() == Role.EDITOR ? who.department() : department;
        if (dept == null || dept.isBlank()) {
            throw ClientException.badRequest("missing_department", "请选择草稿所属的实施单位。");
        }
        List<String> phrasings = new ArrayList<>(List.of(q));
        (examples == null ? List.<String>of() : examples).stream().filter(e -> e != null && !e.isBlank())
                .map(e -> PersonalData.mask(e.strip())).forEach(phrasings::add);
        return workflow.create(who, DraftTemplates.draft("gap", q, phrasings, null, dept.strip(), null, List.of(), LocalDate.now(clock),
                "由未答问题生成：请补全答案、问法和法律依据后再提交审核"));
    }

    /**
     * One step from a message a department answered (留言咨询): a new draft entry with the question (masked) as its
     * phrasing, the reply as its answer and the reply's legal bases ("《X》第Y条" or "X"). It goes through the normal
     * review; what a message cannot give (more phrasings) is marked to complete. An editor's draft belongs to the
     * editor's department.
     *
     * @throws ClientException 400 {@code missing_question}, {@code missing_department}
     */
    public EntryVersion draftFromMessage(StaffService.Account who, String question, String answer, String department, List<String> laws) {
        String q = question == null ? "" : PersonalData.mask(question.strip());
        if (q.isEmpty()) {
            throw ClientException.badRequest("missing_question", "请提供问题。");
        }
        String dept = who.role() == Role.EDITOR ? who.department() : department;
        if (dept == null || dept.isBlank()) {
            throw ClientException.badRequest("missing_department", "请选择草稿所属的实施单位。");
        }
        String title = q.length() > 80 ? q.substring(0, 80) : q;
        return workflow.create(who, DraftTemplates.draft("msg", title, List.of(q.length() > 200 ? q.substring(0, 200) : q), answer,
                dept.strip(), null, laws, LocalDate.now(clock), "由留言答复生成：请补全问法并核对答案和法律依据后再提交审核"));
    }

    /** One step from a question businesses asked: a new draft version of an entry with it as a phrasing. */
    public EntryVersion addPhrasing(StaffService.Account who, String id, String question) {
        String q = question == null ? "" : question.strip();
        if (q.isEmpty() || q.length() > 200) {
            throw ClientException.badRequest("invalid_question", "问法应为1–200个字。");
        }
        List<EntryVersion> all = workflow.history(id);
        EntryVersion latest = all.get(all.size() - 1);
        ObjectNode fields;
        try {
            fields = (ObjectNode) JSON.readTree(latest.content());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored entry content is JSON", e);
        }
        ArrayNode questions = (ArrayNode) fields.get("questions");
        for (JsonNode existing : questions) {
            if (existing.asText().equals(q)) {
                throw new ClientException(409, "phrasing_exists", "这个问法已经在条目中。");
            }
        }
        questions.add(q);
        return workflow.revise(who, id, fields);
    }

    /** A row an import would create: the draft's id, title, department and phrasings. */
    public record PreviewRow(String id, String title, String department, List<String> questions) {
    }

    /** What an import would do: the rows it would create and those it would refuse, with why. */
    public record Preview(List<PreviewRow> rows, List<String> skipped) {
    }

    /**
     * What {@link #importHtml} would do with the same arguments, storing nothing: the rows it would create
     * and those it would refuse (unreadable, or refused by the workflow: an existing id, a department the
     * editor may not edit), with why.
     */
    public Preview previewHtml(StaffService.Account who, HtmlCatalogueImporter importer, String html, String department) {
        String dept = who.role() == Role.EDITOR ? who.department() : department;
        HtmlCatalogueImporter.Result read = importer.read(html, dept, LocalDate.now(clock));
        List<PreviewRow> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>(read.skipped());
        for (ObjectNode draft : read.drafts()) {
            try {
                workflow.checkCreate(who, draft);
                List<String> questions = new ArrayList<>();
                draft.path("questions").forEach(q -> questions.add(q.asText()));
                rows.add(new PreviewRow(draft.path("id").asText(), draft.path("title").asText(), draft.path("department").asText(null),
                        questions));
            } catch (ClientException e) {
                skipped.add("“" + draft.path("title").asText() + "”：" + e.getMessage());
            }
        }
        return new Preview(rows, skipped);
    }

    /** Drafts from a department's catalogue page; rows already present (same id) are reported, not replaced. */
    public Map<String, List<String>> importHtml(StaffService.Account who, HtmlCatalogueImporter importer, String html, String department) {
        String dept = who.role() == Role.EDITOR ? who.department() : department;
        HtmlCatalogueImporter.Result read = importer.read(html, dept, LocalDate.now(clock));
        List<String> created = new ArrayList<>();
        List<String> skipped = new ArrayList<>(read.skipped());
        for (ObjectNode draft : read.drafts()) {
            try {
                created.add(workflow.create(who, draft).entryId());
            } catch (ClientException e) {
                skipped.add("“" + draft.path("title").asText() + "”：" + e.getMessage());
            }
        }
        return Map.of("created", created, "skipped", skipped);
    }
}
