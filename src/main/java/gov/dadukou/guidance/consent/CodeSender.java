package gov.dadukou.guidance.consent;

/**
 * Sends a one-time code to a phone, so that a person can prove the number they give is theirs: an SMS
 * gateway in production, {@link LogCodeSender} in development, a capturing sender in tests. Like
 * {@link gov.dadukou.guidance.reminders.ReminderSender}, implementations must be thread-safe and must not
 * keep the code or the phone.
 */
public interface CodeSender {

    /**
     * Sends {@code code} (six digits) to {@code phone}; {@code validMinutes} is for the message text.
     *
     * @throws SendException when the code could not be handed to the channel (the caller answers 503)
     */
    void send(String phone, String code, int validMinutes);

    /** The code did not go out; the message is for the server log, never for the client. */
    final class SendException extends RuntimeException {
        public SendException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
