package gov.dadukou.guidance.admin;

/** One stored version of an entry with its review trail. {@code content} is the entry's fields as JSON. */
public record EntryVersion(String entryId, int version, String status, String author, String createdAt,
                           String reviewer, String reviewComment, String reviewedAt, String publishedBy,
                           String publishedAt, String sourceFile, String content) {
}
