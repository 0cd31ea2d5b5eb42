package gov.dadukou.guidance.knowledge;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One end of a yearly window: either a fixed month-day ({@code 06-30}) or a lunar festival with an
 * optional day offset ({@code 春节-20}, {@code 中秋}, {@code 元宵+5}). Immutable.
 */
public sealed interface DayRef {

    /** The Gregorian date this reference falls on in {@code year}. */
    LocalDate in(int year);

    /** The text form it was parsed from. */
    String text();

    /** A fixed date each year. 02-29 falls on 02-28 in common years. */
    record Fixed(MonthDay monthDay) implements DayRef {
        @Override
        public LocalDate in(int year) {
            return monthDay.atYear(year);
        }

        @Override
        public String text() {
            return String.format("%02d-%02d", monthDay.getMonthValue(), monthDay.getDayOfMonth());
        }
    }

    /** A lunar festival shifted by {@code offsetDays}. */
    record Festival(LunarFestival festival, int offsetDays) implements DayRef {
        public Festival {
            Objects.requireNonNull(festival, "festival");
        }

        @Override
        public LocalDate in(int year) {
            return festival.dateIn(year).plusDays(offsetDays);
        }

        @Override
        public String text() {
            if (offsetDays == 0) {
                return festival.label();
            }
            return festival.label() + (offsetDays > 0 ? "+" : "") + offsetDays;
        }
    }

    Pattern FIXED = Pattern.compile("(\\d{2})-(\\d{2})");
    Pattern FESTIVAL = Pattern.compile("(\\p{IsHan}{2})(?:([+-])(\\d{1,3}))?");

    /**
     * Parses {@code MM-DD} or {@code 节日[+-]N}.
     *
     * @throws IllegalArgumentException with a Chinese explanation when the text is neither
     */
    static DayRef parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher fixed = FIXED.matcher(t);
        if (fixed.matches()) {
            try {
                return new Fixed(MonthDay.parse("--" + t));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("不是有效的日期：" + t, e);
            }
        }
        Matcher fest = FESTIVAL.matcher(t);
        if (fest.matches()) {
            LunarFestival festival = LunarFestival.fromLabel(fest.group(1))
                    .orElseThrow(() -> new IllegalArgumentException("不认识的节日：" + fest.group(1)
                            + "（可用：除夕、春节、元宵、端午、七夕、中秋、重阳）"));
            int offset = fest.group(2) == null ? 0 : Integer.parseInt(fest.group(3));
            if (offset > 120) {
                throw new IllegalArgumentException("节日偏移不能超过120天：" + t);
            }
            return new Festival(festival, "-".equals(fest.group(2)) ? -offset : offset);
        }
        throw new IllegalArgumentException("日期应写成 MM-DD 或 节日±天数（如 春节-20）：" + t);
    }
}
