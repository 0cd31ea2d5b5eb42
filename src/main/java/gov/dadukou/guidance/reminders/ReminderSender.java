package gov.dadukou.guidance.reminders;

import gov.dadukou.guidance.consent.Subscription;

/**
 * Delivers one reminder to one contact of a business who consented: a webhook today, an SMS or e-mail
 * gateway behind the same interface tomorrow. Implementations must be thread-safe and must not log contact data.
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

    /**
     * A one-off notice to one contact that is not a seasonal reminder (留言咨询: "your message was answered").
     * {@code idempotencyKey} is stable for the notice, so that a receiver drops a repeat.
     *
     * @param body the JSON body's fields; carries contact data: never log it
     */
    record Notice(String idempotencyKey, java.util.Map<String, Object> body) {
    }

    /**
     * Sends one notice through the same channel as the reminders.
     *
     * @throws DeliveryException when it did not go through
     * @throws UnsupportedOperationException when this channel sends reminders only
     */
    default void sendNotice(Notice notice) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " sends reminders only");
    }

    /**
     * Whether this channel reaches the recipient's phone (SMS, a call, a messaging gateway fed with the
     * number). Such a channel is never used for a consent whose phone was not proved with a one-time code:
     * otherwise anyone could have reminders texted to someone else's number. The default is the cautious
     * answer, true; only a channel that provably does not contact the phone may say false.
     */
    default boolean reachesPhone() {
        return true;
    }

    /** A failed delivery attempt, with a reason fit for the staff delivery log (no personal data). */
    final class DeliveryException extends RuntimeException {
        public DeliveryException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
