package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The work queues of the staff console, read from {@code kb_entry_index} (each entry's latest version, kept by
 * {@link VersionRows#reindex}):
 * what waits for legal review (oldest first), an editor's drafts and returned versions, their department's
 * entries due for review (reviewed more than a year ago) and those carrying a staff-verification mark, and
 * everything, filtered and searched, a page at a time. Filters and paging run in SQLite on indexed summary
 * rows (one page and one count per call), so a page stays fast with ten thousand entries (docs/benchmarks.md).
 * Thread-safe (all state in the database).
 */
public final class EntryQueues {
    /** Most rows a page may hold. */
    public static final int MAX_PAGE = 200;

    /** The queues. {@code code} is the API's {@code view} parameter. */
    public enum View {
        REVIEW("review"), MINE("mine"), RETURNED("returned"), DUE("due"), VERIFY("verify"), ALL("all");

        private final String code;

        View(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static View of(String code) {
            String c = code == null || code.isBlank() ? "all" : code.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(v -> v.code.equals(c)).findFirst().orElseThrow(() -> ClientException.badRequest(
                    "invalid_view", "没有这个队列：" + code + "（可选 review、mine、returned、due、verify、all）。"));
        }
    }

    /**
     * What to list. Null fields do not filter. {@code marked}: true only entries with a staff-verification mark,
     * false only those without. {@code text} searches id, title, phrasings and answer. Pages count from 1.
     */
    public record Filter(View view, String department, String kind, String method, String status, Boolean marked, String text,
                         int page, int size) {
    }

    /** One entry as a queue shows it: its latest version, and the version the public sees now. */
    public record Item(String id, String title, String kind, String department, String method, String status, int version,
                       Integer liveVersion, String author, String createdAt, String submittedAt, String reviewer,
                       String reviewComment, String reviewedAt, String reviewed, boolean reviewOverdue, String verify) {
    }

    public record Page(String view, List<Item> items, int total, int page, int size) {
    }

    /** Staff verification by department: marks still waiting, confirmations in review, confirmations published. */
    public record DepartmentVerification(String department, int waiting, int inReview, int verified) {
    }


    private final Database db;
    private final Clock clock;

    public EntryQueues(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Page page(StaffService.Account who, Filter f) {
        if (f.page() < 1 || f.size() < 1 || f.size() > MAX_PAGE) {
            throw ClientException.badRequest("invalid_page", "页码从1开始，每页1–" + MAX_PAGE + "条。");
        }
        Query q = query(who, f);
        String yearAgo = LocalDate.now(clock).minusYears(1).toString();
        return db.transaction(c -> {
            int total = count(c, q);
            List<Item> items = new ArrayList<>();
            String sql = "SELECT entry_id, title, kind, department, method, status, version, live_version, author, created_at, "
                    + "submitted_at, reviewer, review_comment, reviewed_at, reviewed, verify FROM kb_entry_index WHERE " + q.where
                    + " ORDER BY " + q.order + " LIMIT ? OFFSET ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bind(ps, q.params);
                ps.setInt(i++, f.size());
                ps.setLong(i, (long) (f.page() - 1) * f.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Integer live = rs.getObject(8) == null ? null : rs.getInt(8);
                        String reviewed = rs.getString(15);
                        items.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getInt(7), live, rs.getString(9), rs.getString(10), rs.getString(11),
                                rs.getString(12), rs.getString(13), rs.getString(14), reviewed,
                                reviewed != null && reviewed.compareTo(yearAgo) < 0, rs.getString(16)));
                    }
                }
            }
            return new Page(f.view().code(), items, total, f.page(), f.size());
        });
    }

    /** How many entries each queue holds for this account: {@code view code → count}. */
    public Map<String, Integer> counts(StaffService.Account who) {
        Map<String, Integer> out = new LinkedHashMap<>();
        db.transaction(c -> {
            for (View v : View.values()) {
                out.put(v.code(), count(c, query(who, new Filter(v, null, null, null, null, null, null, 1, 1))));
            }
            return null;
        });
        return out;
    }

    /** For the report: per department, marks waiting, confirmations in review and confirmations published. */
    public List<DepartmentVerification> verificationByDepartment() {
        return db.transaction(c -> {
            Map<String, int[]> by = new TreeMap<>();
            String waiting = "SELECT department, COUNT(*) FROM kb_entry_index WHERE verify IS NOT NULL AND status <> 'retired' GROUP BY 1";
            String inReview = "SELECT department, COUNT(*) FROM kb_entry_index WHERE verification = 1 "
                    + "AND status IN ('submitted', 'approved') GROUP BY 1";
            String verified = "SELECT i.department, COUNT(*) FROM kb_versions v JOIN kb_entry_index i ON i.entry_id = v.entry_id "
                    + "WHERE v.status = 'published' AND v.verification IS NOT NULL GROUP BY 1";
            List<String> sqls = List.of(waiting, inReview, verified);
            for (int k = 0; k < sqls.size(); k++) {
                try (PreparedStatement ps = c.prepareStatement(sqls.get(k)); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        by.computeIfAbsent(rs.getString(1), d -> new int[3])[k] = rs.getInt(2);
                    }
                }
            }
            List<DepartmentVerification> out = new ArrayList<>();
            by.forEach((d, n) -> out.add(new DepartmentVerification(d, n[0], n[1], n[2])));
            return out;
        });
    }

    private record Query(String where, List<Object> params, String order) {
    }

    private Query query(StaffService.Account who, Filter f) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String order = "entry_id";
        switch (f.view()) {
            case REVIEW -> {
                where.add("status = 'submitted'");
                order = "COALESCE(submitted_at, created_at), entry_id";
            }
            case MINE -> {
                where.add("status = 'draft' AND author = ?");
                params.add(who.username());
                order = "created_at DESC, entry_id";
            }
            case RETURNED -> {
                where.add("status = 'rejected' AND author = ?");
                params.add(who.username());
                order = "reviewed_at DESC, entry_id";
            }
            case DUE -> {
                where.add("status = 'published' AND reviewed < ?");
                params.add(LocalDate.now(clock).minusYears(1).toString());
                order = "reviewed, entry_id";
            }
            case VERIFY -> {
                where.add("verify IS NOT NULL AND status <> 'retired'");
                order = "department, entry_id";
            }
            case ALL -> {
            }
        }
        // An editor's department queues are their own department's; "all" they may filter as they like.
        boolean own = who.role() == Role.EDITOR && (f.view() == View.DUE || f.view() == View.VERIFY);
        equal(where, params, "department", own ? who.department() : f.department());
        equal(where, params, "kind", f.kind());
        equal(where, params, "method", f.method());
        equal(where, params, "status", f.status());
        if (f.marked() != null) {
            where.add(f.marked() ? "verify IS NOT NULL" : "verify IS NULL");
        }
        if (f.text() != null && !f.text().isBlank()) {
            // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
            where.add("lower(search_text) LIKE lower(?) ESCAPE '\\'");
            params.add("%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return new Query(where.isEmpty() ? "1 = 1" : String.join(" AND ", where), params, order);
    }

    private static void equal(List<String> where, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.add(column + " = ?");
            params.add(value.strip());
        }
    }

    private static int count(Connection c, Query q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM kb_entry_index WHERE " + q.where)) {
            bind(ps, q.params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }
}
