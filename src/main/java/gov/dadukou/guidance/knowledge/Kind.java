package gov.dadukou.guidance.knowledge;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of knowledge entry, labelled as the district's catalogue names them. The first five are guidance;
 * {@link #REFERRAL} is not: it says that a common question is outside what the assistant answers and where it goes
 * instead (a landlord's deposit, a traffic accident), so that such a question is not answered with an entry that
 * merely shares a word with it.
 */
public enum Kind {
    CATALOGUE_ITEM("行政指导事项"),
    LAW_EXPLANATION("法规解读"),
    NO_PENALTY_ITEM("免罚轻罚事项"),
    ENFORCEMENT_REMINDER("执法事项提示"),
    TYPICAL_CASE("典型案例"),
    REFERRAL("其他途径指引");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    /** The Chinese label used in the knowledge-base files and shown to businesses. */
    public String label() {
        return label;
    }

    /** Whether an entry of this kind answers a question; a referral only says where it is answered. */
    public boolean answers() {
        return this != REFERRAL;
    }

    /** Every kind's label, in the catalogue's order: the values a filter or a form accepts. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Kind::label).toList();
    }

    public static Optional<Kind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }
}
