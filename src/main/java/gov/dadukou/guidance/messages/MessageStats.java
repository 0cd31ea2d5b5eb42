package gov.dadukou.guidance.messages;

import gov.dadukou.guidance.store.Database;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * 留言咨询 in the evaluation report: per department (and for the district, 全区) over the report's weeks, messages
 * received and replied, the share replied by the promised date, the median time to reply, the ratings and
 * satisfaction ((满意 + 基本满意) / rated), messages still open past their date, and replies turned into drafts. A
 * message counts where it is now (the triage queue as 待分办). Thread-safe.
 */
public final class MessageStats {
    public static final String DISTRICT = "全区";

    /** One department's figures; shares and the median are null when there is nothing to measure. */
    public record Row(String department, long received, long replied, long repliedOnTime, Double onTimeRate,
                      Double medianReplyHours, long satisfied, long basicallySatisfied, long dissatisfied, Double satisfaction,
                      long overdueOpen, long drafts) {
    }

    private final Database db;
    private final Clock clock;

    public MessageStats(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The figures of messages received in the last {@code weeks} weeks, the district first, then by department. */
    public List<Row> report(int weeks) {
        long since = LocalDate.now(clock.withZone(BeijingTime.ZONE)).minusWeeks(weeks).atStartOfDay(BeijingTime.ZONE)
                .toInstant().toEpochMilli();
        LocalDate today = BeijingTime.day(clock.millis());
        Map<String, Acc> by = new TreeMap<>();
        Acc district = new Acc();
        db.inTransaction(h -> {
            h.createQuery("SELECT department, status, received_at, due_date, replied_at, rating, draft_entry_id FROM messages "
                    + "WHERE received_at >= :since").bind("since", since).map((rs, ctx) -> {
                        String dept = rs.getString(1) == null ? MessageDesk.TRIAGE_LABEL : rs.getString(1);
                        long repliedAt = rs.getLong(5);
                        Long replied = rs.wasNull() ? null : repliedAt;
                        for (Acc a : List.of(district, by.computeIfAbsent(dept, k -> new Acc()))) {
                            a.add(rs.getString(2), rs.getLong(3), LocalDate.parse(rs.getString(4)), replied, rs.getString(6),
                                    rs.getString(7) != null, today);
                        }
                        return null;
                    }).list();
            return null;
        });
        List<Row> rows = new ArrayList<>();
        rows.add(district.row(DISTRICT));
        by.forEach((d, a) -> rows.add(a.row(d)));
        return rows;
    }

    /** The report's {@code messages} section: the rows and what the figures mean. */
    public Map<String, Object> section(int weeks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weeks", weeks);
        m.put("rows", report(weeks));
        return m;
    }

    /** The figures as a CSV section (no byte-order mark: it follows the report's own CSV), one line per department. */
    public String csv(int weeks) {
        StringBuilder sb = new StringBuilder("message_department,received,replied,replied_on_time,on_time_rate,median_reply_hours,"
                + "satisfied,basically_satisfied,dissatisfied,satisfaction,overdue_open,drafts\r\n");
        for (Row r : report(weeks)) {
            sb.append(String.join(",", r.department(), String.valueOf(r.received()), String.valueOf(r.replied()),
                    String.valueOf(r.repliedOnTime()), share(r.onTimeRate()), r.medianReplyHours() == null ? "" : String.valueOf(r.medianReplyHours()),
                    String.valueOf(r.satisfied()), String.valueOf(r.basicallySatisfied()), String.valueOf(r.dissatisfied()),
                    share(r.satisfaction()), String.valueOf(r.overdueOpen()), String.valueOf(r.drafts()))).append("\r\n");
        }
        return sb.toString();
    }

    private static String share(Double v) {
        return v == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", v);
    }

    private static final class Acc {
        long received;
        long replied;
        long onTime;
        long satisfied;
        long basically;
        long dissatisfied;
        long overdueOpen;
        long drafts;
        final List<Long> replyMillis = new ArrayList<>();

        void add(String status, long receivedAt, LocalDate due, Long repliedAt, String rating, boolean drafted, LocalDate today) {
            received++;
            if (repliedAt != null) {
                replied++;
                replyMillis.add(repliedAt - receivedAt);
                if (!BeijingTime.day(repliedAt).isAfter(due)) {
                    onTime++;
                }
            } else if (!MessageRow.WITHDRAWN.equals(status) && today.isAfter(due)) {
                overdueOpen++;
            }
            if ("满意".equals(rating)) {
                satisfied++;
            } else if ("基本满意".equals(rating)) {
                basically++;
            } else if ("不满意".equals(rating)) {
                dissatisfied++;
            }
            if (drafted) {
                drafts++;
            }
        }

        Row row(String department) {
            long rated = satisfied + basically + dissatisfied;
            Double median = null;
            if (!replyMillis.isEmpty()) {
                List<Long> sorted = replyMillis.stream().sorted().toList();
                int n = sorted.size();
                double ms = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
                median = Math.round(ms / 3_600_000.0 * 10) / 10.0;
            }
            return new Row(department, received, replied, onTime, replied == 0 ? null : (double) onTime / replied, median,
                    satisfied, basically, dissatisfied, rated == 0 ? null : (double) (satisfied + basically) / rated, overdueOpen, drafts);
        }
    }
}
