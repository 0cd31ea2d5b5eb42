package gov.dadukou.guidance.knowledge;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The window in which an enforcement reminder applies each year. A window whose end falls before its
 * start in the same year crosses the new year (e.g. {@code 11-15} to {@code 02-28}). Immutable.
 */
public record YearlyWindow(DayRef from, DayRef to) {

    public YearlyWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** A concrete occurrence of the window. Both ends are inclusive. */
    public record Occurrence(LocalDate start, LocalDate end) {
        public boolean contains(LocalDate date) {
            return !date.isBefore(start) && !date.isAfter(end);
        }
    }

    /** The occurrence that starts in {@code year}. */
    public Occurrence startingIn(int year) {
        LocalDate start = from.in(year);
        LocalDate end = to.in(year);
        if (end.isBefore(start)) {
            end = to.in(year + 1);
        }
        return new Occurrence(start, end);
    }

    /** The occurrence that contains {@code date}, if the window is open on that day. */
    public Optional<Occurrence> activeOn(LocalDate date) {
        // A lunar-anchored start (春节-30) can fall in the previous Gregorian year, hence year + 1.
        for (int year = date.getYear() - 1; year <= date.getYear() + 1; year++) {
            Occurrence occurrence = startingIn(year);
            if (occurrence.contains(date)) {
                return Optional.of(occurrence);
            }
        }
        return Optional.empty();
    }
}
