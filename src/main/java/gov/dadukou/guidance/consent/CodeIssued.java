package gov.dadukou.guidance.consent;

/**
 * A one-time code went out: {@code expiresAt} (UTC, ISO-8601), how many minutes it is valid, and after how
 * many seconds another may be asked for the same phone. Says nothing else about the phone.
 */
public record CodeIssued(String expiresAt, int validMinutes, long resendAfterSeconds) {
}
