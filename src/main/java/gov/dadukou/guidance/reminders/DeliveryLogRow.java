package gov.dadukou.guidance.reminders;

/**
 * One line of the staff delivery log. Holds no contact data: a business appears by its credit code, the
 * contact by the receipt of their consent.
 */
public record DeliveryLogRow(long id, String creditCode, String reminderId, int season, String status, int attempts,
                             String nextAttemptAt, String lastError, String createdAt, String finishedAt, String receiptId) {
}
