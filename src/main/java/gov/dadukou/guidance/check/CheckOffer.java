package gov.dadukou.guidance.check;

import gov.dadukou.guidance.knowledge.Entry;

import java.util.List;

/**
 * The check a chat answer offers ({@code check} in {@code POST /api/chat}): the entry and its questions
 * in the order they are asked.
 */
public record CheckOffer(String entryId, List<Question> conditions) {
    /** One yes/no question of the check. */
    public record Question(String id, String question) {
    }

    public CheckOffer {
        conditions = List.copyOf(conditions);
    }

    /** The entry's check, or null when the entry has no conditions. */
    public static CheckOffer of(Entry entry) {
        if (!entry.hasCheck()) {
            return null;
        }
        return new CheckOffer(entry.id(), entry.conditions().stream().map(c -> new Question(c.id(), c.question())).toList());
    }
}
