package gov.dadukou.guidance.reminders;

import gov.dadukou.guidance.consent.Subscription;

/**
 * Delivers one reminder to one business: a webhook today, an SMS or e-mail gateway behind the same
 * interface tomorrow. Implementations must be thread-safe and must not log contact data.
 */
public interface ReminderSender {

    /**
     * One delivery. {@code deliveryId} is stable across retries and restarts: receivers use it as an
     * idempotency key.
     */
    record Delivery(long deliveryId, int season, ActiveReminder reminder, Subscription recipient) {
    }

    /**
     * @throws DeliveryException when the delivery did not go through (it will be retried)
     */
    void send(Delivery delivery);

    /** A failed delivery attempt, with a reason fit for the staff delivery log (no personal data). */
    final class DeliveryException extends RuntimeException {
        public DeliveryException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
