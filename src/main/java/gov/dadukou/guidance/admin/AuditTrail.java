package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the append-only audit log ({@code staff_audit}) for the admin's audit view: filtered by user,
 * action and a range of Beijing dates, newest first, as rows or as CSV. Each row carries the action's
 * Chinese name. Writing stays with {@link StaffService#audit}. Thread-safe (the database serialises).
 */
public final class AuditTrail {
    /** Rows returned at most per request. */
    public static final int MAX_ROWS = 5_000;
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss").withZone(BEIJING);

    /** The Chinese name of each action recorded; an action not listed shows its code. */
    public static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("login", "登录"), Map.entry("change-password", "修改本人密码"), Map.entry("reset-password", "重置密码"),
            Map.entry("deactivate-account", "停用账号"), Map.entry("reactivate-account", "启用账号"),
            Map.entry("unlock-account", "解除登录限制"), Map.entry("change-role", "修改角色"), Map.entry("create-account", "创建账号"),
            Map.entry("create-admin", "创建首个管理员"), Map.entry("view-consents", "查看同意记录"), Map.entry("verify-ledger", "校验台账"),
            Map.entry("export-consents", "导出同意记录"), Map.entry("export-report", "导出评估报告"), Map.entry("export-audit", "导出审计日志"),
            Map.entry("create-entry", "新建条目"), Map.entry("revise-entry", "修改条目"), Map.entry("approve-entry", "审核通过"),
            Map.entry("reject-entry", "退回修改"), Map.entry("publish-entry", "发布条目"), Map.entry("retire-entry", "下线条目"),
            Map.entry("import", "导入随附知识库"), Map.entry("import-html", "导入网页"), Map.entry("draft-from-question", "从问题新建草稿"),
            Map.entry("add-phrasing", "增加问法"), Map.entry("view-message-contact", "查看留言联系方式"),
            Map.entry("assign-message", "转办留言"), Map.entry("reply-message", "答复留言"),
            Map.entry("approve-message-reply", "审核通过留言答复"), Map.entry("return-message-reply", "退回留言答复"),
            Map.entry("notify-message", "发送留言答复通知"), Map.entry("draft-from-message", "留言转为草稿"),
            Map.entry("message-settings", "修改留言审核设置"));

    /**
     * What to show: every field optional (null: no filter). {@code from} and {@code to} are Beijing dates,
     * both included.
     */
    public record Query(String username, String action, LocalDate from, LocalDate to, int limit) {
        /** @throws ClientException 400 {@code invalid_range} when {@code from} is after {@code to} */
        public Query {
            if (from != null && to != null && from.isAfter(to)) {
                throw ClientException.badRequest("invalid_range", "开始日期不能晚于结束日期。");
            }
            limit = Math.max(1, Math.min(limit, MAX_ROWS));
        }
    }

    /** One action: when (ISO instant), who, the action's code and Chinese name, and its detail. */
    public record Row(long id, String at, String username, String action, String actionLabel, String detail) {
    }

    private final Database db;

    public AuditTrail(Database db) {
        this.db = db;
    }

    /** The rows matching {@code q}, newest first. */
    public List<Row> find(Query q) {
        StringBuilder sql = new StringBuilder("SELECT id, at, username, action, detail FROM staff_audit WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (q.username() != null) {
            sql.append(" AND username = ?");
            args.add(q.username());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            args.add(q.action());
        }
        // Times are stored as Instant.toString() (UTC, fraction only when not zero). With nine fraction digits a
        // bound sorts as text exactly where its instant falls among them ('.' < digits < 'Z').
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(BOUND.format(q.from().atStartOfDay(BEIJING).toInstant()));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(BOUND.format(q.to().plusDays(1).atStartOfDay(BEIJING).toInstant()));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        return db.transaction(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (String a : args) {
                    ps.setString(i++, a);
                }
                ps.setInt(i, q.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String action = rs.getString(4);
                        out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), action, ACTIONS.getOrDefault(action, action),
                                rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    /** The rows matching {@code q} as CSV (UTF-8 with a byte-order mark so that Excel reads the Chinese), Beijing time. */
    public String csv(Query q) {
        StringBuilder sb = new StringBuilder("\uFEFF时间（北京时间）,用户,操作,操作代码,详情\r\n");
        for (Row r : find(q)) {
            sb.append(cell(CSV_TIME.format(Instant.parse(r.at())))).append(',').append(cell(r.username())).append(',')
                    .append(cell(r.actionLabel())).append(',').append(cell(r.action())).append(',').append(cell(r.detail())).append("\r\n");
        }
        return sb.toString();
    }

    /** Quoted when needed; a cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
