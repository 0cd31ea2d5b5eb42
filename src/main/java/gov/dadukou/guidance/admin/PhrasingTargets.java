package gov.dadukou.guidance.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The entries an unanswered question could become a phrasing of, for "加为已有条目的问法": first those the
 * assistant's own search ranks highest for the text (the entries that should have answered it), then
 * those whose id or title contains the text (so staff can also type a title). An editor sees only the
 * entries of their department, the only ones they may change. Stateless apart from its collaborators;
 * thread-safe.
 */
public final class PhrasingTargets {
    /** At most this many targets are returned. */
    public static final int LIMIT = 10;

    /** One entry offered: its id, title, department and the status of its latest version. */
    public record Target(String id, String title, String department, String status) {
    }

    private final EntryWorkflow workflow;
    private final Function<String, List<String>> search;

    /** @param search the ids of the live entries that best answer a text, best first */
    public PhrasingTargets(EntryWorkflow workflow, Function<String, List<String>> search) {
        this.workflow = workflow;
        this.search = search;
    }

    /** Up to {@link #LIMIT} entries for {@code text}; empty for a blank text. */
    public List<Target> find(StaffService.Account who, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        Map<String, EntryWorkflow.Summary> all = new LinkedHashMap<>();
        workflow.list().forEach(s -> all.put(s.id(), s));
        List<EntryWorkflow.Summary> ranked = new ArrayList<>();
        search.apply(t).stream().map(all::get).filter(s -> s != null).forEach(ranked::add);
        String lower = t.toLowerCase(Locale.ROOT);
        all.values().stream().filter(s -> s.title().contains(t) || s.id().toLowerCase(Locale.ROOT).contains(lower)).forEach(ranked::add);
        return ranked.stream().distinct()
                .filter(s -> who.role() != Role.EDITOR || s.department().equals(who.department()))
                .limit(LIMIT)
                .map(s -> new Target(s.id(), s.title(), s.department(), s.latestStatus()))
                .toList();
    }
}
