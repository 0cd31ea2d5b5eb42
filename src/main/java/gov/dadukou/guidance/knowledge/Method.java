package gov.dadukou.guidance.knowledge;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The nine guidance methods of the district's implementation plan for administrative guidance. */
public enum Method {
    POLICY_GUIDANCE("政策指引"),
    ADVICE("意见建议"),
    REMINDER("提示提醒"),
    PERSUASION_AND_WARNING("劝导警示"),
    DEMONSTRATION("示范引领"),
    ENFORCEMENT_REMINDER("执法事项提示"),
    CORRECTION("违法行为纠错"),
    FOLLOW_UP_VISIT("重大案件回访"),
    CASE_EXPLANATION("以案释法");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Every method's label, in the plan's order: the values a filter or a form accepts. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Method::label).toList();
    }

    public static Optional<Method> fromLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }
}
