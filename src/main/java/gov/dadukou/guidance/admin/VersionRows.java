package gov.dadukou.guidance.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements on {@code kb_versions} that {@link EntryWorkflow} runs inside its transactions, and the
 * upkeep of {@code kb_entry_index} (one summary row per entry, read by {@link EntryQueues}): every
 * transaction that changes an entry's versions ends with {@link #reindex}. Stateless.
 */
final class VersionRows {
    /** The summary row of the entry's latest version; the same values as the V8 migration's backfill. */
    private static final String SUMMARY = "SELECT v.entry_id, v.version, v.status, json_extract(v.content, '$.title'), "
            + "json_extract(v.content, '$.kind'), json_extract(v.content, '$.department'), json_extract(v.content, '$.method'), "
            + "json_extract(v.content, '$.reviewed'), json_extract(v.content, '$.verify'), "
            + "CASE WHEN v.verification IS NOT NULL THEN 1 ELSE 0 END, "
            + "v.entry_id || ' ' || json_extract(v.content, '$.title') || ' ' || json_extract(v.content, '$.questions') || ' ' "
            + "|| json_extract(v.content, '$.answer'), "
            // "|| ''" keeps SQLite off the status index here (it would read every published row for every entry:
            // seeding 2,500 entries took 5 s, 25,000 several minutes), so it takes the primary key by entry_id.
            + "(SELECT p.version FROM kb_versions p WHERE p.entry_id = v.entry_id AND p.status || '' = 'published'), "
            + "v.author, v.created_at, v.submitted_at, v.reviewer, v.review_comment, v.reviewed_at FROM kb_versions v ";

    private VersionRows() {
    }

    /** Every column of {@code kb_entry_index} but its key, taken from the new row when the entry already has one. */
    private static final String REPLACE_ROW = " ON CONFLICT (entry_id) DO UPDATE SET version = excluded.version, "
            + "status = excluded.status, title = excluded.title, kind = excluded.kind, department = excluded.department, "
            + "method = excluded.method, reviewed = excluded.reviewed, verify = excluded.verify, "
            + "verification = excluded.verification, search_text = excluded.search_text, live_version = excluded.live_version, "
            + "author = excluded.author, created_at = excluded.created_at, submitted_at = excluded.submitted_at, "
            + "reviewer = excluded.reviewer, review_comment = excluded.review_comment, reviewed_at = excluded.reviewed_at";

    /**
     * Rewrites the entry's summary row from its versions. An upsert rather than SQLite's INSERT OR REPLACE, which
     * PostgreSQL lacks; the SELECT keeps its WHERE so that SQLite does not read ON CONFLICT as a join's ON.
     */
    static void reindex(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kb_entry_index " + SUMMARY
                + "WHERE v.entry_id = ? ORDER BY v.version DESC LIMIT 1" + REPLACE_ROW)) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** Rewrites every summary row (after seeding a whole knowledge base in one transaction). */
    static void reindexAll(Connection c) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM kb_entry_index");
             PreparedStatement ps = c.prepareStatement("INSERT INTO kb_entry_index " + SUMMARY
                     + "WHERE v.version = (SELECT MAX(x.version) FROM kb_versions x WHERE x.entry_id = v.entry_id)")) {
            del.executeUpdate();
            ps.executeUpdate();
        }
    }

    static int setStatus(Connection c, String id, String from, String to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE kb_versions SET status = ? WHERE entry_id = ? AND status = ?")) {
            ps.setString(1, to);
            ps.setString(2, id);
            ps.setString(3, from);
            return ps.executeUpdate();
        }
    }

    static void insert(Connection c, String id, int version, String content, String source, String status, String author,
                               String at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO kb_versions (entry_id, version, content, source_file, status, "
                + "author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setInt(2, version);
            ps.setString(3, content);
            ps.setString(4, source);
            ps.setString(5, status);
            ps.setString(6, author);
            ps.setString(7, at);
            ps.executeUpdate();
        } catch (SQLException e) {
            // Two staff members saving the same entry at once on two instances (PostgreSQL; SQLite runs one
            // transaction at a time): the later one gets the version number the earlier took. Optimistic concurrency:
            // the later one is told to reload, nothing is overwritten.
            if ("23505".equals(e.getSQLState())) {
                throw new gov.dadukou.guidance.ClientException(409, "concurrent_edit",
                        "这个条目刚被其他人修改或提交，请刷新后再试。");
            }
            throw e;
        }
    }

    static void markSubmitted(Connection c, String id, int version, String at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE kb_versions SET submitted_at = ? WHERE entry_id = ? AND version = ?")) {
            ps.setString(1, at);
            ps.setString(2, id);
            ps.setInt(3, version);
            ps.executeUpdate();
        }
    }

    static List<EntryVersion> versions(Connection c, String id) throws SQLException {
        List<EntryVersion> out = new ArrayList<>();
        // The reviewer's account creator is shown with the version, so a reader can see the four-eyes rule held.
        try (PreparedStatement ps = c.prepareStatement("SELECT v.entry_id, v.version, v.status, v.author, v.created_at, v.reviewer, "
                + "v.review_comment, v.reviewed_at, v.published_by, v.published_at, v.source_file, v.content, a.created_by, "
                + "v.submitted_at, v.verification "
                + "FROM kb_versions v LEFT JOIN staff_accounts a ON a.username = v.reviewer WHERE v.entry_id = ? ORDER BY v.version")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EntryVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getString(12), rs.getString(13), rs.getString(14), Verification.parse(rs.getString(15))));
                }
            }
        }
        return out;
    }
}
