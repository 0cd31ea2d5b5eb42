package gov.dadukou.guidance.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Converts entries to and from the field map of the knowledge-base format, so that files, staff edits
 * in the database and exports share one shape and one validation ({@link EntryParser}). Immutable,
 * thread-safe.
 */
public final class EntryCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EntryParser parser;

    public EntryCodec(KnowledgeBase kb) {
        this.parser = new EntryParser(kb.departments().stream().map(Department::name).collect(Collectors.toSet()),
                Set.copyOf(kb.topics()));
    }

    /** The entry's fields in file order; optional fields only when present. */
    public static Map<String, Object> toMap(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("kind", e.kind().label());
        m.put("title", e.title());
        m.put("questions", e.questions());
        m.put("answer", e.answer());
        m.put("department", e.department());
        if (e.method() != null) {
            m.put("method", e.method().label());
        }
        List<Map<String, String>> basis = new ArrayList<>();
        for (LegalBasis b : e.legalBasis()) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("law", b.law());
            if (b.article() != null) {
                item.put("article", b.article());
            }
            basis.add(item);
        }
        m.put("legalBasis", basis);
        if (e.url() != null) {
            m.put("url", e.url());
        }
        m.put("reviewed", e.reviewed().toString());
        if (!e.topics().isEmpty()) {
            m.put("topics", e.topics());
        }
        if (e.verify() != null) {
            m.put("verify", e.verify());
        }
        if (e.window() != null) {
            Map<String, String> w = new LinkedHashMap<>();
            w.put("from", e.window().from().text());
            w.put("to", e.window().to().text());
            m.put("window", w);
        }
        if (!e.related().isEmpty()) {
            m.put("related", e.related());
        }
        if (e.hasCheck()) {
            List<Map<String, String>> conditions = new ArrayList<>();
            for (Condition c : e.conditions()) {
                Map<String, String> item = new LinkedHashMap<>();
                item.put("id", c.id());
                item.put("question", c.question());
                item.put("law", c.source().law());
                item.put("article", c.source().article());
                item.put("ifNo", c.ifNo());
                conditions.add(item);
            }
            m.put("conditions", conditions);
            List<Map<String, Object>> outcomes = new ArrayList<>();
            for (CheckRule r : e.outcomes()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("outcome", r.outcome().json());
                item.put("requires", r.requires());
                item.put("law", r.source().law());
                item.put("article", r.source().article());
                item.put("explanation", r.explanation());
                outcomes.add(item);
            }
            m.put("outcomes", outcomes);
        }
        return m;
    }

    public static String toJson(Entry e) {
        try {
            return JSON.writeValueAsString(toMap(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("an entry is always serialisable", ex);
        }
    }

    /**
     * Validates fields exactly as a knowledge-base file would be.
     *
     * @param source where the fields came from, named in errors (e.g. {@code staff edit})
     * @throws KnowledgeBaseException naming the field
     */
    public Entry fromJson(JsonNode node, String source) {
        return parser.parse(source, 1, node, EntryLines.UNKNOWN);
    }

    public Entry fromJson(String json, String source) {
        try {
            return fromJson(JSON.readTree(json), source);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new KnowledgeBaseException(source, null, null, "不是有效的 JSON");
        }
    }
}
