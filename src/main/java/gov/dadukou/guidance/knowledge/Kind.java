package gov.dadukou.guidance.knowledge;

import java.util.Arrays;
import java.util.Optional;

/** The five kinds of knowledge entry, labelled as the district's catalogue names them. */
public enum Kind {
    CATALOGUE_ITEM("行政指导事项"),
    LAW_EXPLANATION("法规解读"),
    NO_PENALTY_ITEM("免罚轻罚事项"),
    ENFORCEMENT_REMINDER("执法事项提示"),
    TYPICAL_CASE("典型案例");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    /** The Chinese label used in the knowledge-base files and shown to businesses. */
    public String label() {
        return label;
    }

    public static Optional<Kind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }
}
