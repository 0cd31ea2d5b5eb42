package gov.dadukou.guidance.knowledge;

/**
 * The knowledge base could not be loaded. Names the file, the entry (id, or its position when the id
 * itself is bad) and the field, so that the curator can fix it without a debugger.
 */
public final class KnowledgeBaseException extends RuntimeException {
    private final String file;
    private final String entry;
    private final String field;
    private final Integer line;

    public KnowledgeBaseException(String file, String entry, String field, String problem) {
        this(file, null, entry, field, problem, null);
    }

    public KnowledgeBaseException(String file, String entry, String field, String problem, Throwable cause) {
        this(file, null, entry, field, problem, cause);
    }

    /** @param line the 1-based line in {@code file} to look at; null when there is none */
    public KnowledgeBaseException(String file, Integer line, String entry, String field, String problem, Throwable cause) {
        super(describe(file, line, entry, field, problem), cause);
        this.file = file;
        this.line = line;
        this.entry = entry;
        this.field = field;
    }

    private static String describe(String file, Integer line, String entry, String field, String problem) {
        StringBuilder sb = new StringBuilder("知识库错误 knowledge-base error: ").append(file);
        if (line != null) {
            sb.append(" 第").append(line).append("行 line ").append(line);
        }
        if (entry != null) {
            sb.append(" 条目 entry ").append(entry);
        }
        if (field != null) {
            sb.append(" 字段 field ").append(field);
        }
        return sb.append("：").append(problem).toString();
    }

    public String file() {
        return file;
    }

    /** The entry's id, or {@code #N} for the N-th entry of the file when it has no usable id; may be null. */
    public String entry() {
        return entry;
    }

    /** The 1-based line in {@link #file()} to look at; null when not known. */
    public Integer line() {
        return line;
    }

    /** The offending field; null when the problem is the file itself. */
    public String field() {
        return field;
    }
}
