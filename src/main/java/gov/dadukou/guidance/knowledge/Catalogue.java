package gov.dadukou.guidance.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public guidance catalogue (行政指导事项目录清单): every live entry, grouped by department and then
 * by guidance method, each with its legal basis, and the department's contact channel. The JSON shape
 * of {@code GET /api/catalogue}. Built from the live entries on each call; stateless.
 */
public final class Catalogue {
    public record Item(String id, String title, String kind, String method, String legalBasis, String reviewed,
                       boolean needsVerification, List<String> topics) {
    }

    public record MethodGroup(String method, List<Item> items) {
    }

    public record DepartmentGroup(String department, String contact, int count, List<MethodGroup> methods) {
    }

    private Catalogue() {
    }

    /**
     * @param query      words that must all occur in an item's title, legal basis or topics (null for all)
     * @param department only this department (null for all)
     * @param method     only this guidance method (null for all)
     */
    public static List<DepartmentGroup> of(EntryStore store, List<Department> departments, String query, String department,
                                           String method) {
        String[] words = query == null || query.isBlank() ? new String[0] : query.strip().toLowerCase(Locale.ROOT).split("\\s+");
        List<DepartmentGroup> out = new ArrayList<>();
        for (Department d : departments) {
            if (department != null && !department.equals(d.name())) {
                continue;
            }
            Map<String, List<Item>> byMethod = new LinkedHashMap<>();
            for (Method m : Method.values()) {
                byMethod.put(m.label(), new ArrayList<>());
            }
            byMethod.put("其他", new ArrayList<>());
            int count = 0;
            for (Entry e : store.all()) {
                String m = e.methodOpt().map(Method::label).orElse("其他");
                if (!e.department().equals(d.name()) || (method != null && !method.equals(m)) || !matches(e, words)) {
                    continue;
                }
                byMethod.get(m).add(new Item(e.id(), e.title(), e.kind().label(), m, e.legalBasisText(), e.reviewed().toString(),
                        e.needsVerification(), e.topics()));
                count++;
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

    private static boolean matches(Entry e, String[] words) {
        if (words.length == 0) {
            return true;
        }
        String haystack = (e.title() + " " + e.legalBasisText() + " " + String.join(" ", e.topics()) + " " + e.kind().label())
                .toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (!haystack.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
