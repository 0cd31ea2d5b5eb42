package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryStore;
import gov.dadukou.guidance.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The periodic evaluation for the justice bureau: per ISO week and department, questions answered,
 * satisfaction from the widget's feedback and reminders delivered; per week for the district, questions
 * asked, the share answered and consents given and withdrawn; and the entries with the worst feedback,
 * candidates to adjust or cancel; and the no-penalty check: checks offered, finished and their outcomes by
 * entry. Weeks follow the district's calendar (Asia/Shanghai). Thread-safe.
 */
public final class EvaluationReport {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String DISTRICT = "全区";

    /** One row: a week and a department, or the district as a whole. */
    public record Row(String week, String department, long questions, long answered, long helpful, long notHelpful,
                      long remindersDelivered, long consentsGiven, long consentsWithdrawn) {
        public Double answeredShare() {
            return questions == 0 ? null : (double) answered / questions;
        }

        public Double satisfaction() {
            return helpful + notHelpful == 0 ? null : (double) helpful / (helpful + notHelpful);
        }
    }

    public record WorstEntry(String id, String title, String department, long helpful, long notHelpful) {
    }

    /**
     * The no-penalty check over the report's weeks: answers that offered it, checks finished
     * ({@code POST /api/check}) and their outcomes, for the district and per entry (most started first).
     */
    public record Checks(long started, long finished, Map<String, Long> outcomes, List<EntryChecks> byEntry) {
    }

    /** One entry's checks; {@code outcomes} maps {@code no_penalty} … {@code uncertain} to counts. */
    public record EntryChecks(String id, String title, String department, long started, long finished,
                              Map<String, Long> outcomes) {
    }

    public record Report(List<Row> rows, List<WorstEntry> worstEntries, Checks checks) {
    }

    /** The outcomes of a check, in the order the report lists them. */
    static final List<String> CHECK_OUTCOMES = List.of("no_penalty", "may_be_spared", "not_applicable", "uncertain");

    private final Database db;
    private final EntryStore entries;
    private final Clock clock;

    public EvaluationReport(Database db, EntryStore entries, Clock clock) {
        this.db = db;
        this.entries = entries;
        this.clock = clock;
    }

    public Report weekly(int weeks) {
        Instant since = LocalDate.now(clock.withZone(ZONE)).minusWeeks(weeks).atStartOfDay(ZONE).toInstant();
        Map<String, long[]> cells = new TreeMap<>(); // "week\u0000department" → counters
        BiConsumer<String, int[]> add = (key, inc) -> {
            long[] c = cells.computeIfAbsent(key, k -> new long[7]);
            for (int i = 0; i < inc.length; i++) {
                c[i] += inc[i];
            }
        };
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT at, outcome, entry_id FROM question_log WHERE at >= ?")) {
                ps.setString(1, since.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String week = week(rs.getString(1));
                        boolean answered = "answer".equals(rs.getString(2));
                        add.accept(week + "\u0000" + DISTRICT, new int[] {1, answered ? 1 : 0});
                        if (answered && rs.getString(3) != null) {
                            add.accept(week + "\u0000" + department(rs.getString(3)), new int[] {1, 1});
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, entry_id, helpful FROM answer_feedback WHERE created_at >= ?")) {
                ps.setString(1, since.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean helpful = rs.getInt(3) == 1;
                        int[] inc = {0, 0, helpful ? 1 : 0, helpful ? 0 : 1};
                        add.accept(week(rs.getString(1)) + "\u0000" + department(rs.getString(2)), inc);
                        add.accept(week(rs.getString(1)) + "\u0000" + DISTRICT, inc);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT finished_at, reminder_id FROM reminder_deliveries WHERE status = 'sent' AND finished_at >= ?")) {
                ps.setString(1, since.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int[] inc = {0, 0, 0, 0, 1};
                        add.accept(week(rs.getString(1)) + "\u0000" + department(rs.getString(2)), inc);
                        add.accept(week(rs.getString(1)) + "\u0000" + DISTRICT, inc);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at, event FROM consent_events WHERE event IN ('granted', 'withdrawn')")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (Instant.parse(rs.getString(1).replace("+00:00", "Z")).isBefore(since)) {
                            continue;
                        }
                        boolean granted = rs.getString(2).equals("granted");
                        add.accept(week(rs.getString(1).replace("+00:00", "Z")) + "\u0000" + DISTRICT,
                                new int[] {0, 0, 0, 0, 0, granted ? 1 : 0, granted ? 0 : 1});
                    }
                }
            }
            return null;
        });
        List<Row> rows = new ArrayList<>();
        cells.forEach((key, c) -> {
            String[] parts = key.split("\u0000");
            rows.add(new Row(parts[0], parts[1], c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
        });
        return new Report(rows, worst(since), checks(since));
    }

    /** The report as CSV (UTF-8 with a BOM for spreadsheet programs). */
    public String csv(int weeks) {
        Report r = weekly(weeks);
        StringBuilder sb = new StringBuilder("\uFEFFweek,department,questions,answered,answered_share,helpful,not_helpful,satisfaction,"
                + "reminders_delivered,consents_given,consents_withdrawn\r\n");
        for (Row row : r.rows()) {
            sb.append(String.join(",", row.week(), row.department(), String.valueOf(row.questions()), String.valueOf(row.answered()),
                    share(row.answeredShare()), String.valueOf(row.helpful()), String.valueOf(row.notHelpful()), share(row.satisfaction()),
                    String.valueOf(row.remindersDelivered()), String.valueOf(row.consentsGiven()), String.valueOf(row.consentsWithdrawn())))
                    .append("\r\n");
        }
        sb.append("\r\nworst_entry,title,department,helpful,not_helpful\r\n");
        for (WorstEntry w : r.worstEntries()) {
            sb.append(String.join(",", w.id(), quote(w.title()), w.department(), String.valueOf(w.helpful()), String.valueOf(w.notHelpful())))
                    .append("\r\n");
        }
        sb.append("\r\ncheck_entry,title,department,checks_started,checks_finished,").append(String.join(",", CHECK_OUTCOMES)).append("\r\n");
        for (EntryChecks e : r.checks().byEntry()) {
            sb.append(String.join(",", e.id(), quote(e.title()), e.department(), String.valueOf(e.started()), String.valueOf(e.finished())));
            CHECK_OUTCOMES.forEach(o -> sb.append(',').append(e.outcomes().get(o)));
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private Checks checks(Instant since) {
        Map<String, long[]> perEntry = new TreeMap<>(); // entry → started, finished, then one count per outcome
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entry_id, COUNT(*) FROM question_log WHERE check_offered = 1 AND at >= ? GROUP BY entry_id")) {
                ps.setString(1, since.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        perEntry.computeIfAbsent(rs.getString(1), k -> new long[2 + CHECK_OUTCOMES.size()])[0] += rs.getLong(2);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entry_id, outcome, COUNT(*) FROM check_log WHERE at >= ? GROUP BY entry_id, outcome")) {
                ps.setString(1, since.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] n = perEntry.computeIfAbsent(rs.getString(1), k -> new long[2 + CHECK_OUTCOMES.size()]);
                        n[1] += rs.getLong(3);
                        int i = CHECK_OUTCOMES.indexOf(rs.getString(2));
                        if (i >= 0) {
                            n[2 + i] += rs.getLong(3);
                        }
                    }
                }
            }
            return null;
        });
        long started = 0;
        long finished = 0;
        long[] total = new long[CHECK_OUTCOMES.size()];
        List<EntryChecks> byEntry = new ArrayList<>();
        for (Map.Entry<String, long[]> e : perEntry.entrySet()) {
            long[] n = e.getValue();
            started += n[0];
            finished += n[1];
            for (int i = 0; i < total.length; i++) {
                total[i] += n[2 + i];
            }
            String title = entries.get(e.getKey()).map(Entry::title).orElse("（已下线）");
            byEntry.add(new EntryChecks(e.getKey(), title, department(e.getKey()), n[0], n[1], outcomes(n, 2)));
        }
        byEntry.sort(Comparator.comparingLong(EntryChecks::started).thenComparingLong(EntryChecks::finished).reversed());
        return new Checks(started, finished, outcomes(total, 0), byEntry);
    }

    private static Map<String, Long> outcomes(long[] counts, int offset) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < CHECK_OUTCOMES.size(); i++) {
            m.put(CHECK_OUTCOMES.get(i), counts[offset + i]);
        }
        return m;
    }

    private List<WorstEntry> worst(Instant since) {
        return db.transaction(c -> {
            List<WorstEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT entry_id, SUM(helpful), SUM(1 - helpful) FROM answer_feedback "
                    + "WHERE created_at >= ? GROUP BY entry_id HAVING SUM(1 - helpful) > 0")) {
                ps.setString(1, since.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        String title = entries.get(id).map(Entry::title).orElse("（已下线）");
                        out.add(new WorstEntry(id, title, department(id), rs.getLong(2), rs.getLong(3)));
                    }
                }
            }
            out.sort(Comparator.comparingLong((WorstEntry w) -> w.notHelpful() - w.helpful()).reversed());
            return out.subList(0, Math.min(10, out.size()));
        });
    }

    private String department(String entryId) {
        return entries.get(entryId).map(Entry::department).orElse("（已下线条目）");
    }

    static String week(String instant) {
        LocalDate d = Instant.parse(instant).atZone(ZONE).toLocalDate();
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static String share(Double v) {
        return v == null ? "" : String.format("%.3f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
