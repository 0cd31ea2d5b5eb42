package gov.dadukou.guidance.messages;

import org.jdbi.v3.core.Handle;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Ticket numbers a person can read out: {@code 2026-1202-0042}, the 42nd message received on 2 December 2026
 * (Beijing date). The per-day sequence is one database row updated in the submitting transaction, so that every
 * instance on a shared database draws from it and no two messages get the same number (the row lock orders
 * concurrent writers; the ticket column is unique besides). Stateless.
 */
final class Tickets {
    static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{4}-\\d{4,6}");

    private Tickets() {
    }

    /** The next ticket of {@code day}, inside the caller's transaction. */
    static String next(Handle h, LocalDate day) {
        String key = day.toString();
        int seq = h.createQuery("INSERT INTO message_ticket_days (day, last_seq) VALUES (:day, 1) "
                        + "ON CONFLICT (day) DO UPDATE SET last_seq = message_ticket_days.last_seq + 1 RETURNING last_seq")
                .bind("day", key).mapTo(Integer.class).one();
        return format(day, seq);
    }

    static String format(LocalDate day, int seq) {
        return String.format("%04d-%02d%02d-%04d", day.getYear(), day.getMonthValue(), day.getDayOfMonth(), seq);
    }

    /** Whether {@code ticket} can be one of ours (anything else is simply not found). */
    static boolean wellFormed(String ticket) {
        return ticket != null && FORMAT.matcher(ticket).matches();
    }
}
