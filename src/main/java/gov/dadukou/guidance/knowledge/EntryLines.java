package gov.dadukou.guidance.knowledge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one entry of an entries file starts and where each of its fields is (1-based lines), so that an
 * error names the line to fix. The tree Jackson builds has no positions, hence this second, streaming
 * read of the same text. Immutable.
 *
 * @param start  the line of the entry's first field
 * @param fields each field's line
 */
record EntryLines(int start, Map<String, Integer> fields) {
    private static final YAMLFactory YAML = new YAMLFactory();
    /** For entries with no known position (the text could not be read twice): no line is named. */
    static final EntryLines UNKNOWN = new EntryLines(0, Map.of());

    EntryLines {
        fields = Map.copyOf(fields);
    }

    /** The line of {@code field}, or of the entry when the field is absent; null when unknown. */
    Integer of(String field) {
        int line = field == null ? start : fields.getOrDefault(field, start);
        return line > 0 ? line : null;
    }

    /**
     * The positions of the items of the top-level {@code entries:} list, in order.
     *
     * @throws IOException when the text is not YAML (the caller has already parsed it, so this is not expected)
     */
    static List<EntryLines> read(String yaml) throws IOException {
        List<EntryLines> out = new ArrayList<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!"entries".equals(name) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                for (JsonToken item = p.nextToken(); item != null && item != JsonToken.END_ARRAY; item = p.nextToken()) {
                    out.add(item == JsonToken.START_OBJECT ? entry(p) : skipped(p));
                }
            }
        }
        return out;
    }

    private static EntryLines entry(JsonParser p) throws IOException {
        int start = p.currentTokenLocation().getLineNr();
        Map<String, Integer> fields = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            fields.putIfAbsent(p.currentName(), p.currentTokenLocation().getLineNr());
            p.nextToken();
            p.skipChildren();
        }
        return new EntryLines(start, fields);
    }

    private static EntryLines skipped(JsonParser p) throws IOException {
        int start = p.currentTokenLocation().getLineNr();
        p.skipChildren();
        return new EntryLines(start, Map.of());
    }
}
