package gov.dadukou.guidance.messages;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden dates from the State Council notices for the years shipped (国务院办公厅关于2025年部分节假日安排的通知,
 * 国办发明电〔2024〕12号; 关于2026年部分节假日安排的通知, 2025年11月4日), read from the published text.
 */
class WorkingDaysTest {
    private final WorkingDays calendar = WorkingDays.official(List.of());

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void theShippedYearsAreCoveredAndOthersAreNot() {
        assertTrue(calendar.covers(2025));
        assertTrue(calendar.covers(2026));
        assertFalse(calendar.covers(2027), "2027's notice is not published yet: Monday to Friday only, and the data says so");
    }

    @Test
    void theWorkingSaturdaysAndSundaysOf调休AreWorkingDays() {
        for (String day : List.of("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
                "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")) {
            assertTrue(calendar.isWorkingDay(d(day)), day + " is a 调休 working day");
            assertTrue(d(day).getDayOfWeek().getValue() >= 6, day + " is a weekend day in the calendar");
        }
    }

    @Test
    void national和SpringFestivalDaysAreNotWorkingDaysEvenOnWeekdays() {
        for (String day : List.of("2025-01-28", "2025-02-04", "2025-10-01", "2025-10-08", "2025-05-05",
                "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-04", "2026-05-05",
                "2026-06-19", "2026-09-25", "2026-10-01", "2026-10-05", "2026-10-07")) {
            assertFalse(calendar.isWorkingDay(d(day)), day + " is a holiday");
        }
        assertTrue(calendar.isWorkingDay(d("2026-02-24")), "the day after 春节 is a working Tuesday");
        assertTrue(calendar.isWorkingDay(d("2026-10-08")), "the day after 国庆 is a working Thursday");
        assertFalse(calendar.isWorkingDay(d("2026-12-05")), "an ordinary Saturday");
        assertTrue(calendar.isWorkingDay(d("2026-12-07")), "an ordinary Monday");
    }

    @Test
    void theDueDateIsTheNthWorkingDayAfterReceipt() {
        // Wed 2 Dec 2026 + 5: Thu 3, Fri 4, Mon 7, Tue 8, Wed 9.
        assertEquals(d("2026-12-09"), calendar.plusWorkingDays(d("2026-12-02"), 5));
        // Received on the last working day before 国庆: 9/30 Wed; 10/1–7 off; Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13.
        assertEquals(d("2026-10-13"), calendar.plusWorkingDays(d("2026-09-30"), 5));
        // Received during 春节 (a holiday itself does not count): Tue 24, Wed 25, Thu 26, Fri 27, Sat 28 (调休).
        assertEquals(d("2026-02-28"), calendar.plusWorkingDays(d("2026-02-18"), 5));
        assertEquals(5, calendar.workingDaysBetween(d("2026-12-02"), d("2026-12-09")));
    }

    @Test
    void aConfiguredExtraClosureIsSkipped() {
        WorkingDays closed = WorkingDays.official(List.of(d("2026-12-07")));
        assertFalse(closed.isWorkingDay(d("2026-12-07")));
        assertEquals(d("2026-12-10"), closed.plusWorkingDays(d("2026-12-02"), 5));
    }
}
