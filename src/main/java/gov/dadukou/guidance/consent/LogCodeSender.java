package gov.dadukou.guidance.consent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development only: writes the code to the server log instead of texting it, with the phone masked.
 * Whoever reads the log can verify any phone, so a production deployment must replace it with an SMS
 * gateway (see docs/security-consent.md). Stateless; thread-safe.
 */
public final class LogCodeSender implements CodeSender {
    private static final Logger LOG = LoggerFactory.getLogger(LogCodeSender.class);

    @Override
    public void send(String phone, String code, int validMinutes) {
        LOG.warn("DEVELOPMENT code sender: verification code for {} is {} (valid {} minutes); not texted",
                ConsentRecords.mask(phone), code, validMinutes);
    }
}
