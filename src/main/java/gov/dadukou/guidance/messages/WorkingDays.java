package gov.dadukou.guidance.messages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The working-day calendar of a government office in mainland China: Monday to Friday, except the public holidays
 * and 调休 days of the State Council's yearly notice (国务院办公厅关于某年部分节假日安排的通知), plus the weekend days
 * that notice makes working days (调休上班), minus any extra closure the operator configures ({@code EXTRA_HOLIDAYS}).
 *
 * <p>The notice's dates are data ({@code calendar/cn-holidays.txt}), copied from the published notices and tested
 * against them (WorkingDaysTest). {@code cn.6tail:lunar}'s {@code HolidayUtil} was the first choice, but the version
 * we ship (1.6.3) has no data after 2023. A year not in the file is counted Monday to Friday only: {@link #covers}
 * says so, and staff must add each new year when its notice is published. Immutable; thread-safe.
 */
public final class WorkingDays {
    static final String RESOURCE = "/calendar/cn-holidays.txt";

    private final Set<LocalDate> off;
    private final Set<LocalDate> work;
    private final Set<Integer> years;
    private final Set<LocalDate> extra;

    private WorkingDays(Set<LocalDate> off, Set<LocalDate> work, Set<Integer> years, Set<LocalDate> extra) {
        this.off = Set.copyOf(off);
        this.work = Set.copyOf(work);
        this.years = Set.copyOf(years);
        this.extra = Set.copyOf(extra);
    }

    /** The shipped State Council arrangements, with {@code extraClosures} (e.g. a local closure) as days off too. */
    public static WorkingDays official(Collection<LocalDate> extraClosures) {
        try (InputStream in = WorkingDays.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), extraClosures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WorkingDays parse(BufferedReader reader, Collection<LocalDate> extraClosures) throws IOException {
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        Set<Integer> years = new TreeSet<>();
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+", 3);
            if (parts.length < 2 || !(parts[1].equals("off") || parts[1].equals("work"))) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": expected 'date off|work name': " + t);
            }
            try {
                String[] range = parts[0].split("\\.\\.", 2);
                LocalDate from = LocalDate.parse(range[0]);
                LocalDate to = range.length == 2 ? LocalDate.parse(range[1]) : from;
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    (parts[1].equals("off") ? off : work).add(d);
                    years.add(d.getYear());
                }
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": not a date: " + parts[0], e);
            }
        }
        return new WorkingDays(off, work, years, new HashSet<>(extraClosures));
    }

    /** Whether the State Council arrangements of {@code year} are in the data (otherwise: Monday to Friday only). */
    public boolean covers(int year) {
        return years.contains(year);
    }

    /** Whether offices work on {@code day}: a weekday that is no holiday, or a 调休 working weekend day; never an extra closure. */
    public boolean isWorkingDay(LocalDate day) {
        if (extra.contains(day)) {
            return false;
        }
        if (work.contains(day)) {
            return true;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !off.contains(day);
    }

    /**
     * The {@code n}th working day after {@code received} (the day of receipt itself never counts, whether or not
     * it is a working day): the promised reply date.
     */
    public LocalDate plusWorkingDays(LocalDate received, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        LocalDate d = received;
        for (int counted = 0; counted < n; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }

    /** Working days from {@code from} (exclusive) to {@code to} (inclusive); 0 when {@code to} is not after {@code from}. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }
}
