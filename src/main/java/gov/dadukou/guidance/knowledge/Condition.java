package gov.dadukou.guidance.knowledge;

import java.util.Objects;

/**
 * One condition of a no-penalty check ("我这种情况能不罚吗"): a yes/no question in plain Chinese whose
 * "yes" is the answer that favours the business, the article that states the condition, and what a "no"
 * means. Staff-approved text, shown as written. Immutable.
 *
 * @param id       stable within its entry, referred to by the entry's outcomes and by {@code POST /api/check}
 * @param question the question, ending in "？"
 * @param source   the law and article that state the condition (an article is always given)
 * @param ifNo     what a "no" means for the business, in one or two sentences
 */
public record Condition(String id, String question, LegalBasis source, String ifNo) {
    public Condition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ifNo, "ifNo");
    }
}
