package gov.dadukou.guidance.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times and dates as a person in the district reads them: "2026年12月2日 08:34", "2026年12月9日". Stateless. */
final class BeijingTime {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(ZONE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private BeijingTime() {
    }

    static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    static String text(Long millis) {
        return millis == null ? null : TIME.format(Instant.ofEpochMilli(millis));
    }

    static String date(String isoDate) {
        return isoDate == null ? null : DATE.format(LocalDate.parse(isoDate));
    }

    static LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZONE).toLocalDate();
    }
}
