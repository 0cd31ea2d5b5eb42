package gov.dadukou.guidance.consent;

import java.util.List;

/**
 * An active consent as the reminder delivery needs it: one contact of one business. Carries contact data:
 * never log it. {@code contactName} and {@code phone} are null once erased. {@code verified} is false when
 * the phone was never proved with a one-time code: channels that reach the phone must not use it.
 */
public record Subscription(String receiptId, String creditCode, String companyName, String contactName, String phone,
                           List<String> topics, boolean verified) {
    public Subscription {
        topics = List.copyOf(topics);
    }

    public boolean wants(List<String> reminderTopics) {
        return reminderTopics.stream().anyMatch(topics::contains);
    }
}
