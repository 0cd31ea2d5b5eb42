package gov.dadukou.guidance.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The statements on {@code kb_versions} that {@link EntryWorkflow} runs inside its transactions. Stateless. */
final class VersionRows {
    private VersionRows() {
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
