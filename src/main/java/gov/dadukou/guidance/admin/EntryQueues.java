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
 * The work queues of the staff console, read from each entry's latest version in {@code kb_versions}:
 * what waits for legal review (oldest first), an editor's drafts and returned versions, their department's
 * entries due for review (reviewed more than a year ago) and those carrying a staff-verification mark, and
 * everything, filtered and searched, a page at a time. Filters and paging run in SQLite (one page and one
 * count per call), so a page stays fast with ten thousand entries (docs/benchmarks.md).
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

    private static final String LATEST = "v.version = (SELECT MAX(x.version) FROM kb_versions x WHERE x.entry_id = v.entry_id)";
    private static final String DEPARTMENT = "json_extract(v.content, '$.department')";
    private static final String MARK = "json_extract(v.content, '$.verify')";

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
            String sql = "SELECT v.entry_id, json_extract(v.content, '$.title'), json_extract(v.content, '$.kind'), " + DEPARTMENT + ", "
                    + "json_extract(v.content, '$.method'), v.status, v.version, "
                    + "(SELECT p.version FROM kb_versions p WHERE p.entry_id = v.entry_id AND p.status = 'published'), "
                    + "v.author, v.created_at, v.submitted_at, v.reviewer, v.review_comment, v.reviewed_at, "
                    + "json_extract(v.content, '$.reviewed'), " + MARK + " FROM kb_versions v WHERE " + q.where
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
            String waiting = "SELECT " + DEPARTMENT + ", COUNT(*) FROM kb_versions v WHERE " + LATEST + " AND " + MARK
                    + " IS NOT NULL AND v.status <> 'retired' GROUP BY 1";
            String inReview = "SELECT " + DEPARTMENT + ", COUNT(*) FROM kb_versions v WHERE " + LATEST
                    + " AND v.verification IS NOT NULL AND v.status IN ('submitted', 'approved') GROUP BY 1";
            String verified = "SELECT " + DEPARTMENT + ", COUNT(*) FROM kb_versions v WHERE v.status = 'published' "
                    + "AND v.verification IS NOT NULL GROUP BY 1";
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
        List<String> where = new ArrayList<>(List.of(LATEST));
        List<Object> params = new ArrayList<>();
        String order = "v.entry_id";
        boolean editor = who.role() == Role.EDITOR;
        switch (f.view()) {
            case REVIEW -> {
                where.add("v.status = 'submitted'");
                order = "COALESCE(v.submitted_at, v.created_at), v.entry_id";
            }
            case MINE -> {
                where.add("v.status = 'draft' AND v.author = ?");
                params.add(who.username());
                order = "v.created_at DESC, v.entry_id";
            }
            case RETURNED -> {
                where.add("v.status = 'rejected' AND v.author = ?");
                params.add(who.username());
                order = "v.reviewed_at DESC, v.entry_id";
            }
            case DUE -> {
                where.add("v.status = 'published' AND json_extract(v.content, '$.reviewed') < ?");
                params.add(LocalDate.now(clock).minusYears(1).toString());
                order = "json_extract(v.content, '$.reviewed'), v.entry_id";
            }
            case VERIFY -> {
                where.add(MARK + " IS NOT NULL AND v.status <> 'retired'");
                order = DEPARTMENT + ", v.entry_id";
            }
            case ALL -> {
            }
        }
        // An editor's department queues are their own department's; "all" they may filter as they like.
        String department = editor && (f.view() == View.DUE || f.view() == View.VERIFY) ? who.department() : f.department();
        equal(where, params, DEPARTMENT, department);
        equal(where, params, "json_extract(v.content, '$.kind')", f.kind());
        equal(where, params, "json_extract(v.content, '$.method')", f.method());
        equal(where, params, "v.status", f.status());
        if (f.marked() != null) {
            where.add(MARK + (f.marked() ? " IS NOT NULL" : " IS NULL"));
        }
        if (f.text() != null && !f.text().isBlank()) {
            String like = "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add("(v.entry_id LIKE ? ESCAPE '\\' OR json_extract(v.content, '$.title') LIKE ? ESCAPE '\\' "
                    + "OR json_extract(v.content, '$.questions') LIKE ? ESCAPE '\\' OR json_extract(v.content, '$.answer') LIKE ? ESCAPE '\\')");
            for (int i = 0; i < 4; i++) {
                params.add(like);
            }
        }
        return new Query(String.join(" AND ", where), params, order);
    }

    private static void equal(List<String> where, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.add(column + " = ?");
            params.add(value.strip());
        }
    }

    private static int count(Connection c, Query q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM kb_versions v WHERE " + q.where)) {
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
