package gov.dadukou.guidance.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * One way out of a no-penalty check: when every condition it requires is answered "yes", the law says
 * the situation is one of {@link #outcome()}, for the reason in {@link #explanation()} (staff-approved,
 * citing {@link #source()}). Immutable.
 *
 * @param outcome     {@code no_penalty} (法定不予处罚的情形) or {@code may_be_spared} (可以不予处罚)
 * @param requires    ids of the entry's conditions that must all be "yes", at least one
 * @param source      the law and article of this rule (an article is always given)
 * @param explanation what the law says for such a situation, worded as guidance, never as a promise
 */
public record CheckRule(Outcome outcome, List<String> requires, LegalBasis source, String explanation) {
    /** What a rule, when met, says the law provides. */
    public enum Outcome {
        NO_PENALTY("no_penalty"),
        MAY_BE_SPARED("may_be_spared");

        private final String json;

        Outcome(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        public static java.util.Optional<Outcome> fromJson(String s) {
            return java.util.Arrays.stream(values()).filter(o -> o.json.equals(s)).findFirst();
        }
    }

    public CheckRule {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(explanation, "explanation");
        requires = List.copyOf(requires);
    }
}
