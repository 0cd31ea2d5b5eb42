package gov.dadukou.guidance.messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a new message goes (the triage rule staff see): to the department of the best candidate entries the chat's
 * retrieval finds for the question, when they agree; otherwise to the triage queue (分办), where an admin assigns it.
 * "Agree": the best candidate's department holds a strict majority of the candidates offered (one candidate alone
 * counts). Immutable.
 *
 * @param department the department, or null for the triage queue
 * @param rule       why, in Chinese, for staff
 * @param candidates the entry ids considered, best first
 * @param topic      the best candidate's first topic (to prefill the form), or null
 */
public record Routing(String department, String rule, List<String> candidates, String topic) {
    /** How many candidates are weighed at most: the three a did-you-mean reply offers. */
    static final int CANDIDATES = 3;

    public Routing {
        candidates = List.copyOf(candidates);
    }

    /** One candidate entry from the chat's retrieval, confident enough to be offered as a did-you-mean. */
    public record Candidate(String entryId, String title, String department, List<String> topics) {
    }

    /** The candidates of a question, best first: the chat's retrieval and its did-you-mean floor. */
    @FunctionalInterface
    public interface Finder {
        List<Candidate> candidates(String question);
    }

    static Routing of(List<Candidate> found) {
        List<Candidate> top = found.stream().limit(CANDIDATES).toList();
        List<String> ids = new ArrayList<>(top.stream().map(Candidate::entryId).toList());
        if (top.isEmpty()) {
            return new Routing(null, "没有找到相关条目，转分办", ids, null);
        }
        Map<String, Integer> votes = new LinkedHashMap<>();
        top.forEach(c -> votes.merge(c.department(), 1, Integer::sum));
        String best = top.get(0).department();
        String topic = top.get(0).topics().isEmpty() ? null : top.get(0).topics().get(0);
        if (votes.get(best) * 2 > top.size()) {
            return new Routing(best, "按最相关条目的实施单位分派（" + votes.get(best) + "/" + top.size() + "个相关条目属于该单位）", ids, topic);
        }
        return new Routing(null, "相关条目分属不同单位，转分办", ids, topic);
    }
}
