package gov.dadukou.guidance.consent;

import java.util.List;

/**
 * An active consent as the reminder delivery needs it. Carries contact data: never log it.
 * {@code contactName} and {@code phone} are null once erased.
 */
public record Subscription(String receiptId, String creditCode, String companyName, String contactName, String phone,
                           List<String> topics) {
    public Subscription {
        topics = List.copyOf(topics);
    }

    /** The subscription behind an unmasked view of a consent. */
    static Subscription of(ConsentView v) {
        return new Subscription(v.receiptId(), v.creditCode(), v.companyName(), v.contactName(), v.phone(), v.topics());
    }

    public boolean wants(List<String> reminderTopics) {
        return reminderTopics.stream().anyMatch(topics::contains);
    }
}
