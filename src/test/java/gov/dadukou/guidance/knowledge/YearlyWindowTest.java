package gov.dadukou.guidance.knowledge;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YearlyWindowTest {
    @Test
    void springFestivalFallsOnTheOfficialDates() {
        assertEquals(LocalDate.of(2026, 2, 17), LunarFestival.CHUNJIE.dateIn(2026));
        assertEquals(LocalDate.of(2027, 2, 6), LunarFestival.CHUNJIE.dateIn(2027));
        assertEquals(LocalDate.of(2027, 2, 5), LunarFestival.CHUXI.dateIn(2027));
    }

    @Test
    void midAutumnFallsOnTheOfficialDates() {
        assertEquals(LocalDate.of(2026, 9, 25), LunarFestival.ZHONGQIU.dateIn(2026));
        assertEquals(LocalDate.of(2027, 9, 15), LunarFestival.ZHONGQIU.dateIn(2027));
    }

    @Test
    void lunarWindowBeforeSpringFestivalCanStartInThePreviousYear() {
        YearlyWindow w = new YearlyWindow(DayRef.parse("春节-30"), DayRef.parse("元宵"));
        assertTrue(w.activeOn(LocalDate.of(2027, 1, 25)).isPresent());
        assertTrue(w.activeOn(LocalDate.of(2027, 1, 7)).isPresent(), "30 days before 2027-02-06");
        assertFalse(w.activeOn(LocalDate.of(2027, 1, 6)).isPresent());
        assertEquals(LocalDate.of(2027, 2, 20), w.activeOn(LocalDate.of(2027, 2, 20)).orElseThrow().end());
        assertFalse(w.activeOn(LocalDate.of(2027, 2, 21)).isPresent());
    }

    @Test
    void fixedWindowCrossingTheNewYearIsOpenOnBothSides() {
        YearlyWindow w = new YearlyWindow(DayRef.parse("11-15"), DayRef.parse("02-28"));
        assertTrue(w.activeOn(LocalDate.of(2026, 12, 31)).isPresent());
        assertTrue(w.activeOn(LocalDate.of(2027, 1, 1)).isPresent());
        assertEquals(LocalDate.of(2026, 11, 15), w.activeOn(LocalDate.of(2027, 2, 1)).orElseThrow().start());
        assertFalse(w.activeOn(LocalDate.of(2027, 3, 1)).isPresent());
    }

    @Test
    void annualReportWindowIsTheFirstHalfYear() {
        YearlyWindow w = new YearlyWindow(DayRef.parse("01-01"), DayRef.parse("06-30"));
        assertTrue(w.activeOn(LocalDate.of(2027, 6, 10)).isPresent());
        assertFalse(w.activeOn(LocalDate.of(2027, 7, 1)).isPresent());
    }

    @Test
    void unknownFestivalAndBadDatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DayRef.parse("春分"));
        assertThrows(IllegalArgumentException.class, () -> DayRef.parse("13-01"));
        assertThrows(IllegalArgumentException.class, () -> DayRef.parse("tomorrow"));
    }
}
