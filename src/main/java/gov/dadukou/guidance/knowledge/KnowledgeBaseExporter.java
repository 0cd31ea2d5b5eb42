package gov.dadukou.guidance.knowledge;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes entries back in the knowledge-base format ({@code departments.yaml}, {@code topics.yaml},
 * {@code entries/<file>.yaml} by each entry's source file), so that export then load gives the same
 * entries. Stateless.
 */
public final class KnowledgeBaseExporter {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private KnowledgeBaseExporter() {
    }

    /** Writes into {@code dir} (created if needed); returns the number of entry files written. */
    public static int export(List<Department> departments, List<String> topics, List<Entry> entries, Path dir) {
        try {
            Files.createDirectories(dir.resolve("entries"));
            List<Map<String, String>> deps = new ArrayList<>();
            for (Department d : departments) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("name", d.name());
                m.put("contact", d.contact());
                deps.add(m);
            }
            YAML.writeValue(dir.resolve("departments.yaml").toFile(), Map.of("departments", deps));
            YAML.writeValue(dir.resolve("topics.yaml").toFile(), Map.of("topics", topics));
            Map<String, List<Map<String, Object>>> byFile = new TreeMap<>();
            for (Entry e : entries) {
                String file = e.sourceFile().startsWith("entries/") ? e.sourceFile() : "entries/" + e.sourceFile();
                byFile.computeIfAbsent(file, k -> new ArrayList<>()).add(EntryCodec.toMap(e));
            }
            for (Map.Entry<String, List<Map<String, Object>>> f : byFile.entrySet()) {
                YAML.writeValue(dir.resolve(f.getKey()).toFile(), Map.of("entries", f.getValue()));
            }
            return byFile.size();
        } catch (IOException e) {
            throw new UncheckedIOException("export to " + dir + " failed", e);
        }
    }
}
