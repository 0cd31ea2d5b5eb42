package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryCodec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The staff steps that change what answers, for tests: an author and a reviewer who may approve the author's work. */
public record StaffFlow(StaffService.Account author, StaffService.Account reviewer) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two accounts made by the system (so the four-eyes rule lets the reviewer approve the author's versions). */
    public static StaffFlow create(StaffService staff) {
        StaffService.Account author = staff.create("author1", "Author-pass-2026!".toCharArray(), Role.ADMIN, null);
        StaffService.Account reviewer = staff.create("reviewer1", "Reviewer-pass-2026!".toCharArray(), Role.REVIEWER, null);
        return new StaffFlow(author, reviewer);
    }

    /**
     * A new version of {@code entry} whose answer ends with {@code marker} and which is also asked as {@code question}
     * (when not null), submitted and approved but not yet published.
     */
    public void approveRevision(EntryWorkflow workflow, Entry entry, String marker, String question) {
        Map<String, Object> fields = new LinkedHashMap<>(EntryCodec.toMap(entry));
        fields.put("answer", entry.answer() + marker);
        if (question != null) {
            List<String> questions = new java.util.ArrayList<>(entry.questions());
            questions.add(0, question);
            fields.put("questions", questions);
        }
        workflow.revise(author, entry.id(), JSON.valueToTree(fields));
        workflow.submit(author, entry.id());
        workflow.approve(reviewer, entry.id(), "核对无误");
    }

    /** {@link #approveRevision} then publish: returns the version now live. */
    public EntryVersion publishRevision(EntryWorkflow workflow, Entry entry, String marker) {
        approveRevision(workflow, entry, marker, null);
        return workflow.publish(reviewer, entry.id());
    }

    public EntryVersion publish(EntryWorkflow workflow, String entryId) {
        return workflow.publish(reviewer, entryId);
    }

    public void retire(EntryWorkflow workflow, String entryId) {
        workflow.retire(reviewer, entryId);
    }
}
