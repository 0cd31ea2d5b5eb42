package gov.dadukou.guidance.knowledge;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * Chinese lunar festivals that reminder windows may be anchored to. Dates come from the
 * {@code cn.6tail:lunar} calendar, which matches the official dates (ICU4J's ChineseCalendar puts
 * 春节 2027 a day late). Stateless and thread-safe.
 */
public enum LunarFestival {
    /** New Year's Eve: the day before 春节, so it is computed from 春节 and never mis-counts short months. */
    CHUXI("除夕", 0, 0),
    CHUNJIE("春节", 1, 1),
    YUANXIAO("元宵", 1, 15),
    DUANWU("端午", 5, 5),
    QIXI("七夕", 7, 7),
    ZHONGQIU("中秋", 8, 15),
    CHONGYANG("重阳", 9, 9);

    private final String label;
    private final int lunarMonth;
    private final int lunarDay;

    LunarFestival(String label, int lunarMonth, int lunarDay) {
        this.label = label;
        this.lunarMonth = lunarMonth;
        this.lunarDay = lunarDay;
    }

    public String label() {
        return label;
    }

    /**
     * The Gregorian date of this festival in the lunar year that starts in Gregorian {@code year}
     * (so 除夕 of {@code year} is the eve of that year's 春节).
     */
    public LocalDate dateIn(int year) {
        if (this == CHUXI) {
            return CHUNJIE.dateIn(year).minusDays(1);
        }
        Solar solar = Lunar.fromYmd(year, lunarMonth, lunarDay).getSolar();
        return LocalDate.of(solar.getYear(), solar.getMonth(), solar.getDay());
    }

    public static Optional<LunarFestival> fromLabel(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
    }
}
