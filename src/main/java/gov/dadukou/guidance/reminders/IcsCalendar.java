package gov.dadukou.guidance.reminders;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes reminders as an RFC 5545 calendar: all-day events, UIDs stable across requests (reminder id and
 * season), text values escaped, and content lines folded at 75 octets without splitting a UTF-8
 * character. Output depends only on its input, so it can be cached. Stateless.
 */
public final class IcsCalendar {
    static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private IcsCalendar() {
    }

    /** @param reviewedStamp the DTSTAMP of each event (the entry's review date makes it stable) */
    public static String write(List<ActiveReminder> occurrences, java.util.function.Function<String, LocalDate> reviewedStamp) {
        StringBuilder sb = new StringBuilder();
        line(sb, "BEGIN:VCALENDAR");
        line(sb, "VERSION:2.0");
        line(sb, "PRODID:-//Dadukou District//Administrative Guidance Assistant//ZH");
        line(sb, "CALSCALE:GREGORIAN");
        line(sb, "METHOD:PUBLISH");
        line(sb, "X-WR-CALNAME:" + escape("大渡口区执法事项提示"));
        line(sb, "X-WR-TIMEZONE:Asia/Shanghai");
        for (ActiveReminder r : occurrences) {
            LocalDate start = LocalDate.parse(r.start());
            LocalDate end = LocalDate.parse(r.end());
            line(sb, "BEGIN:VEVENT");
            line(sb, "UID:" + r.id() + "-" + start.getYear() + "@guidance.dadukou");
            line(sb, "DTSTAMP:" + DATE.format(reviewedStamp.apply(r.id())) + "T000000Z");
            line(sb, "DTSTART;VALUE=DATE:" + DATE.format(start));
            line(sb, "DTEND;VALUE=DATE:" + DATE.format(end.plusDays(1))); // exclusive end of an all-day event
            line(sb, "SUMMARY:" + escape("【执法事项提示】" + r.title()));
            line(sb, "DESCRIPTION:" + escape(r.text() + "\n\n法律依据：" + r.legalBasis() + "\n实施单位：" + r.department()
                    + "\n行政指导不具有强制力，是否采纳由您自愿决定。"));
            if (!r.topics().isEmpty()) {
                line(sb, "CATEGORIES:" + String.join(",", r.topics().stream().map(IcsCalendar::escape).toList()));
            }
            line(sb, "TRANSP:TRANSPARENT");
            line(sb, "END:VEVENT");
        }
        line(sb, "END:VCALENDAR");
        return sb.toString();
    }

    /** TEXT escaping of RFC 5545 §3.3.11. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n");
    }

    /** Appends one content line, folded so that no physical line exceeds 75 octets (RFC 5545 §3.1). */
    static void line(StringBuilder sb, String content) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                sb.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
            }
            sb.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        sb.append("\r\n");
    }
}
