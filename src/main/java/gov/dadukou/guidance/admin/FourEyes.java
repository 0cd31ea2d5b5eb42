package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Who may approve a version: not its author, not an account the author created, and not an account whose
 * role the author changed, or whose password the author reset, in the last {@link #WINDOW}.
 * "Nobody approves their own" alone is easy to get round for an admin who writes an entry: make a reviewer
 * account, promote a friendly editor, or reset a reviewer's password and sign in as them, and approve
 * through it. Each leaves a record ({@code staff_accounts.created_by}, {@code staff_role_changes},
 * {@code staff_accounts.password_reset_by}), and this reads it.
 *
 * <p>Runs inside the approving transaction, on its connection, so the check and the approval see the
 * same rows. Stateless and thread-safe.
 */
final class FourEyes {
    static final Duration WINDOW = Duration.ofDays(30);

    private FourEyes() {
    }

    /**
     * @param author   the version's author (a username, or {@code knowledge-base} for shipped proposals)
     * @param approver the signed-in reviewer
     * @throws ClientException 403 {@code own_entry}, {@code approver_created_by_author},
     *                         {@code approver_role_changed_by_author} or {@code approver_password_reset_by_author}
     */
    static void check(Connection c, String author, StaffService.Account approver, Instant now) throws SQLException {
        if (author.equals(approver.username())) {
            throw new ClientException(403, "own_entry", "不能审核自己提交的版本。");
        }
        Instant since = now.minus(WINDOW);
        try (PreparedStatement ps = c.prepareStatement("SELECT created_by, password_reset_by, password_reset_at FROM staff_accounts WHERE id = ?")) {
            ps.setLong(1, approver.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the signed-in approver has no account row: " + approver.username());
                }
                if (author.equals(rs.getString(1))) {
                    throw new ClientException(403, "approver_created_by_author",
                            "您的账号是由该版本的作者（" + author + "）创建的，不能审核此版本，请由其他审核人员审核。");
                }
                if (author.equals(rs.getString(2)) && Instant.parse(rs.getString(3)).isAfter(since)) {
                    throw new ClientException(403, "approver_password_reset_by_author",
                            "该版本的作者（" + author + "）在30天内重置过您的密码，您不能审核此版本，请由其他审核人员审核。");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT at FROM staff_role_changes WHERE account_id = ? AND changed_by = ?")) {
            ps.setLong(1, approver.id());
            ps.setString(2, author);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (Instant.parse(rs.getString(1)).isAfter(since)) {
                        throw new ClientException(403, "approver_role_changed_by_author",
                                "该版本的作者（" + author + "）在30天内修改过您的账号角色，您不能审核此版本，请由其他审核人员审核。");
                    }
                }
            }
        }
    }
}
