package gov.dadukou.guidance.reminders;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.knowledge.Kind;
import gov.dadukou.guidance.knowledge.YearlyWindow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Knows which enforcement reminders (执法事项提示) are in season: on a given day, or over the coming
 * months. Dates are calendar dates in the district's time zone (Asia/Shanghai). Reads the live entries,
 * so a published or retired reminder counts at once. Thread-safe.
 */
public final class ReminderService {
    public static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");

    private final EntryStore entries;
    private final Clock clock;

    public ReminderService(EntryStore entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /** Today in the district. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(DISTRICT_ZONE));
    }

    /**
     * The reminders whose window is open on {@code date}, optionally only those of a topic or a
     * department (null for any), soonest-ending first.
     */
    public List<ActiveReminder> active(LocalDate date, String topic, String department) {
        List<ActiveReminder> out = new ArrayList<>();
        for (Entry e : reminders(topic, department)) {
            e.window().activeOn(date).ifPresent(o -> out.add(ActiveReminder.of(e, o)));
        }
        out.sort(Comparator.comparing(ActiveReminder::end).thenComparing(ActiveReminder::id));
        return out;
    }

    /** Every occurrence that overlaps [{@code from}, {@code from} + {@code months}), by start date. */
    public List<ActiveReminder> upcoming(LocalDate from, int months, String topic, String department) {
        LocalDate until = from.plusMonths(months);
        List<ActiveReminder> out = new ArrayList<>();
        for (Entry e : reminders(topic, department)) {
            for (int year = from.getYear() - 1; year <= until.getYear() + 1; year++) {
                YearlyWindow.Occurrence o = e.window().startingIn(year);
                if (!o.end().isBefore(from) && o.start().isBefore(until)) {
                    out.add(ActiveReminder.of(e, o));
                }
            }
        }
        out.sort(Comparator.comparing(ActiveReminder::start).thenComparing(ActiveReminder::id));
        return out;
    }

    /** The live reminder entries, with the occurrence open on {@code date}; for delivery. */
    List<Entry> reminderEntries() {
        return reminders(null, null);
    }

    private List<Entry> reminders(String topic, String department) {
        return entries.all().stream()
                .filter(e -> e.kind() == Kind.ENFORCEMENT_REMINDER && e.window() != null)
                .filter(e -> topic == null || e.topics().contains(topic))
                .filter(e -> department == null || e.department().equals(department))
                .toList();
    }
}
