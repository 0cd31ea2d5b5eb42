package gov.dadukou.guidance.knowledge;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entries that are live (published) right now, with the department list. Readers always see a
 * whole entry; a publish or retire is visible to the next read. Thread-safe.
 */
public final class EntryStore {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Department> departments;

    public EntryStore(Collection<Entry> entries, Collection<Department> departments) {
        entries.forEach(this::put);
        Map<String, Department> map = new java.util.LinkedHashMap<>();
        departments.forEach(d -> map.put(d.name(), d));
        this.departments = Map.copyOf(map);
    }

    public static EntryStore of(KnowledgeBase kb) {
        return new EntryStore(kb.entries(), kb.departments());
    }

    public Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** Every live entry, sorted by id for stable output. */
    public List<Entry> all() {
        return entries.values().stream().sorted(java.util.Comparator.comparing(Entry::id)).toList();
    }

    public int size() {
        return entries.size();
    }

    public void put(Entry entry) {
        entries.put(entry.id(), entry);
    }

    public void remove(String id) {
        entries.remove(id);
    }

    public Optional<Department> department(String name) {
        return Optional.ofNullable(departments.get(name));
    }
}
