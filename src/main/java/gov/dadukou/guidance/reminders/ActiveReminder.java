package gov.dadukou.guidance.reminders;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.YearlyWindow;

import java.util.List;

/**
 * An enforcement reminder with the occurrence of its window that is meant. The JSON shape of
 * {@code GET /api/reminders}.
 *
 * @param window the yearly rule as written ({@code 春节-30} … {@code 元宵})
 * @param start  first day of this occurrence (Asia/Shanghai calendar date)
 * @param end    last day of this occurrence, inclusive
 */
public record ActiveReminder(String id, String title, String department, String method, String legalBasis,
                             String text, List<String> topics, Window window, String start, String end,
                             boolean needsVerification) {

    public record Window(String from, String to) {
    }

    static ActiveReminder of(Entry e, YearlyWindow.Occurrence o) {
        return new ActiveReminder(e.id(), e.title(), e.department(), e.methodOpt().map(m -> m.label()).orElse(null),
                e.legalBasisText(), e.answer(), e.topics(), new Window(e.window().from().text(), e.window().to().text()),
                o.start().toString(), o.end().toString(), e.needsVerification());
    }
}
