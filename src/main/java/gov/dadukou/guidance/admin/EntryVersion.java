package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stored version of an entry with its review trail. {@code content} is the entry's fields as JSON.
 * {@code reviewerCreatedBy} is who created the reviewer's account ({@code system} for the first admin, null
 * when not reviewed, or when the account predates that record), so the four-eyes rule can be seen.
 * {@code submittedAt} is when it was sent to legal review (null if never); {@code verification} is, for a
 * version that confirms a staff-verification mark, {@code {"checked", "source", "sourceDate"}}, else null.
 */
public record EntryVersion(String entryId, int version, String status, String author, String createdAt,
                           String reviewer, String reviewComment, String reviewedAt, String publishedBy,
                           String publishedAt, String sourceFile, String content, String reviewerCreatedBy,
                           String submittedAt, JsonNode verification) {
}
