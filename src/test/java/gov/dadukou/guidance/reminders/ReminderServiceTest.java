package gov.dadukou.guidance.reminders;

import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReminderServiceTest {
    static EntryStore entries;

    @BeforeAll
    static void load() {
        entries = EntryStore.of(KnowledgeBaseLoader.load(Path.of("knowledge-base")));
    }

    static ReminderService at(String instant) {
        return new ReminderService(entries, Clock.fixed(Instant.parse(instant), ReminderService.DISTRICT_ZONE));
    }

    static List<String> ids(List<ActiveReminder> reminders) {
        return reminders.stream().map(ActiveReminder::id).toList();
    }

    @Test
    void todayIsTheDistrictsCalendarDateNotUtc() {
        assertEquals(LocalDate.of(2027, 1, 1), at("2026-12-31T16:30:00Z").today(), "00:30 in Chongqing");
    }

    @Test
    void springFestivalRemindersAreInSeasonOnThe25thOfJanuary2027() {
        List<ActiveReminder> active = at("2027-01-25T02:00:00Z").active(LocalDate.of(2027, 1, 25), null, null);
        assertTrue(ids(active).contains("tx-chunjie-yanhua-lingshou"), ids(active).toString());
        ActiveReminder fireworks = active.stream().filter(r -> r.id().equals("tx-chunjie-yanhua-lingshou")).findFirst().orElseThrow();
        assertEquals("2027-01-07", fireworks.start(), "30 days before 春节 2027-02-06");
        assertEquals("2027-02-20", fireworks.end(), "元宵 2027");
        assertEquals("春节-30", fireworks.window().from());
    }

    @Test
    void annualReportReminderIsInSeasonOnThe10thOfJune() {
        assertTrue(ids(at("2027-06-10T02:00:00Z").active(LocalDate.of(2027, 6, 10), null, null)).contains("tx-nianbao-qijian"));
        assertFalse(ids(at("2027-07-01T02:00:00Z").active(LocalDate.of(2027, 7, 1), null, null)).contains("tx-nianbao-qijian"));
    }

    @Test
    void winterWindowIsOpenAcrossTheYearEnd() {
        ReminderService s = at("2026-12-31T02:00:00Z");
        assertTrue(ids(s.active(LocalDate.of(2026, 12, 31), null, null)).contains("tx-dongji-ranqi-co"));
        assertTrue(ids(s.active(LocalDate.of(2027, 1, 1), null, null)).contains("tx-dongji-ranqi-co"));
        assertFalse(ids(s.active(LocalDate.of(2027, 3, 1), null, null)).contains("tx-dongji-ranqi-co"));
    }

    @Test
    void mooncakeReminderFollowsMidAutumnEachYear() {
        ReminderService s = at("2026-09-01T02:00:00Z");
        ActiveReminder y2026 = s.active(LocalDate.of(2026, 9, 25), null, null).stream()
                .filter(r -> r.id().equals("tx-zhongqiu-yuebing-baozhuang")).findFirst().orElseThrow();
        assertEquals("2026-09-25", y2026.end());
        ActiveReminder y2027 = s.active(LocalDate.of(2027, 9, 15), null, null).stream()
                .filter(r -> r.id().equals("tx-zhongqiu-yuebing-baozhuang")).findFirst().orElseThrow();
        assertEquals("2027-09-15", y2027.end());
    }

    @Test
    void topicAndDepartmentFilter() {
        ReminderService s = at("2027-01-25T02:00:00Z");
        List<ActiveReminder> food = s.active(LocalDate.of(2027, 1, 25), "食品安全", null);
        assertFalse(food.isEmpty());
        food.forEach(r -> assertTrue(r.topics().contains("食品安全"), r.id()));
        s.active(LocalDate.of(2027, 1, 25), null, "区税务局").forEach(r -> assertEquals("区税务局", r.department()));
    }

    @Test
    void upcomingCoversTwelveMonthsWithEachSeasonOnce() {
        List<ActiveReminder> upcoming = at("2026-11-27T02:00:00Z").upcoming(LocalDate.of(2026, 11, 27), 12, null, null);
        long mooncake = upcoming.stream().filter(r -> r.id().equals("tx-zhongqiu-yuebing-baozhuang")).count();
        assertEquals(1, mooncake);
        upcoming.forEach(r -> assertTrue(!LocalDate.parse(r.end()).isBefore(LocalDate.of(2026, 11, 27))
                && LocalDate.parse(r.start()).isBefore(LocalDate.of(2027, 11, 27)), r.id() + " " + r.start()));
    }
}
