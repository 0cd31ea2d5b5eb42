package gov.dadukou.guidance.http;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.reminders.IcsCalendar;
import gov.dadukou.guidance.reminders.ReminderService;
import gov.dadukou.guidance.knowledge.EntryStore;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Handlers of the reminder API: what is in season, and the subscribable calendar. */
final class ReminderHandlers {
    private final ReminderService reminders;
    private final KnowledgeBase kb;
    private final EntryStore entries;

    ReminderHandlers(ReminderService reminders, KnowledgeBase kb, EntryStore entries) {
        this.reminders = reminders;
        this.kb = kb;
        this.entries = entries;
    }

    /** {@code GET /api/reminders?date=YYYY-MM-DD&topic=…&department=…}; date defaults to today in the district. */
    void active(Context ctx) {
        LocalDate date = date(ctx.queryParam("date"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", date.toString());
        body.put("reminders", reminders.active(date, topic(ctx), department(ctx)));
        ctx.json(body);
    }

    /** {@code GET /api/reminders.ics?topic=…&department=…}: the next twelve months as an RFC 5545 calendar. */
    void calendar(Context ctx) {
        var occurrences = reminders.upcoming(reminders.today(), 12, topic(ctx), department(ctx));
        String ics = IcsCalendar.write(occurrences, id -> entries.get(id).map(Entry::reviewed).orElse(reminders.today()));
        ctx.contentType("text/calendar; charset=utf-8");
        ctx.header("Content-Disposition", "inline; filename=\"dadukou-reminders.ics\"");
        ctx.result(ics);
    }

    private LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return reminders.today();
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ClientException.badRequest("invalid_date", "日期格式应为 YYYY-MM-DD，例如 2027-01-25。");
        }
    }

    private String topic(Context ctx) {
        String topic = ctx.queryParam("topic");
        if (topic == null || topic.isBlank()) {
            return null;
        }
        if (!kb.topics().contains(topic.strip())) {
            throw ClientException.badRequest("unknown_topic", "不支持的主题：" + topic.strip() + "。");
        }
        return topic.strip();
    }

    private String department(Context ctx) {
        String department = ctx.queryParam("department");
        if (department == null || department.isBlank()) {
            return null;
        }
        if (kb.department(department.strip()).isEmpty()) {
            throw ClientException.badRequest("unknown_department", "没有这个实施单位：" + department.strip() + "。");
        }
        return department.strip();
    }
}
