package gov.dadukou.guidance.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A fully validated, immutable set of entries with the lists they were validated against. Thread-safe.
 *
 * @param entries     every entry, in file order
 * @param departments the implementing departments
 * @param topics      the topic list
 * @param version     a short content hash of the files loaded, for /health and logs
 */
public record KnowledgeBase(List<Entry> entries, List<Department> departments, List<String> topics, String version) {

    public KnowledgeBase {
        entries = List.copyOf(entries);
        departments = List.copyOf(departments);
        topics = List.copyOf(topics);
    }

    public Map<String, Entry> byId() {
        return entries.stream().collect(Collectors.toMap(Entry::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public Optional<Entry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public Optional<Department> department(String name) {
        return departments.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
