package gov.dadukou.guidance.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public guidance catalogue (行政指导事项目录清单): every live entry, grouped by department and then
 * by guidance method, each with its legal basis, and the department's contact channel. The JSON shape
 * of {@code GET /api/catalogue}. Built from the live entries on each call; stateless.
 */
public final class Catalogue {
    public record Item(String id, String title, String kind, String method, String legalBasis, String reviewed,
                       boolean needsVerification, List<String> topics, String department) {
    }

    public record MethodGroup(String method, List<Item> items) {
    }

    public record DepartmentGroup(String department, String contact, int count, List<MethodGroup> methods) {
    }

    /**
     * What to list. Null fields do not filter.
     *
     * @param ranked     the entries a search found, best first; null lists every entry (in id order)
     * @param department only this department
     * @param method     only this guidance method (or "其他" for entries without one)
     * @param kind       only this kind (its Chinese label)
     * @param topic      only entries with this topic
     */
    public record Filter(List<String> ranked, String department, String method, String kind, String topic) {
        public static Filter all() {
            return new Filter(null, null, null, null, null);
        }
    }

    private Catalogue() {
    }

    /** The entries that pass the filter, grouped by department (in the departments' order) and method. */
    public static List<DepartmentGroup> of(EntryStore store, List<Department> departments, Filter filter) {
        List<Entry> selected = select(store, filter);
        List<DepartmentGroup> out = new ArrayList<>();
        for (Department d : departments) {
            Map<String, List<Item>> byMethod = new LinkedHashMap<>();
            for (Method m : Method.values()) {
                byMethod.put(m.label(), new ArrayList<>());
            }
            byMethod.put("其他", new ArrayList<>());
            int count = 0;
            for (Entry e : selected) {
                if (e.department().equals(d.name())) {
                    Item item = item(e);
                    byMethod.get(item.method()).add(item);
                    count++;
                }
            }
            if (count > 0) {
                List<MethodGroup> groups = new ArrayList<>();
                byMethod.forEach((m, items) -> {
                    if (!items.isEmpty()) {
                        groups.add(new MethodGroup(m, List.copyOf(items)));
                    }
                });
                out.add(new DepartmentGroup(d.name(), d.contact(), count, List.copyOf(groups)));
            }
        }
        return out;
    }

    /** The entries that pass the filter as one list: best first for a search, else by department and id. */
    public static List<Item> ranked(EntryStore store, Filter filter) {
        return select(store, filter).stream().map(Catalogue::item).toList();
    }

    private static List<Entry> select(EntryStore store, Filter filter) {
        List<Entry> pool;
        if (filter.ranked() == null) {
            pool = store.all();
        } else {
            pool = filter.ranked().stream().map(store::get).flatMap(java.util.Optional::stream).toList();
        }
        return pool.stream().filter(e -> passes(e, filter)).toList();
    }

    private static boolean passes(Entry e, Filter f) {
        return (f.department() == null || f.department().equals(e.department()))
                && (f.method() == null || f.method().equals(method(e)))
                && (f.kind() == null || f.kind().equals(e.kind().label()))
                && (f.topic() == null || e.topics().contains(f.topic()));
    }

    private static String method(Entry e) {
        return e.methodOpt().map(Method::label).orElse("其他");
    }

    private static Item item(Entry e) {
        return new Item(e.id(), e.title(), e.kind().label(), method(e), e.legalBasisText(), e.reviewed().toString(),
                e.needsVerification(), e.topics(), e.department());
    }
}
