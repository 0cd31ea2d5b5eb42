package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows behind staff accounts: {@code staff_accounts}, their sessions and the append-only
 * {@code staff_role_changes}. Only storage: rules (who may do what, password policy) are the caller's.
 * Every method is one transaction. Thread-safe (the database serialises transactions).
 */
final class StaffAccounts {
    private static final String COLUMNS = "id, username, role, department, active, must_change_password, created_by, password_hash, created_at, "
            + "last_login_at";

    /** An account as stored, with its hash, when it was made and when it last signed in (null: never, or before this was kept). */
    record Stored(StaffService.Account account, String hash, String createdAt, String lastLoginAt) {
    }

    private final Database db;

    /** Serialises the account changes whose check and write must not interleave across instances. */
    private static final String LOCK = "staff_accounts";

    StaffAccounts(Database db) {
        this.db = db;
    }

    /**
     * @throws ClientException 409 {@code username_taken}
     */
    StaffService.Account insert(String username, String hash, Role role, String department, String createdBy, Instant now) {
        return db.transaction(c -> {
            db.serialise(c, LOCK); // with several instances, the check and the insert must not interleave
            if (find(c, username).isPresent()) {
                throw new ClientException(409, "username_taken", "用户名已被使用。");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_accounts (username, password_hash, role, department, "
                    + "created_at, created_by, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                ps.setString(1, username);
                ps.setString(2, hash);
                ps.setString(3, role.code());
                ps.setString(4, department);
                ps.setString(5, now.toString());
                ps.setString(6, createdBy);
                ps.setString(7, now.toString());
                ps.executeUpdate();
                // The key named: with RETURN_GENERATED_KEYS PostgreSQL's driver returns every column of the row.
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new StaffService.Account(keys.getLong(1), username, role, department, true, false, createdBy);
                }
            }
        });
    }

    Optional<Stored> find(String username) {
        return db.transaction(c -> find(c, username));
    }

    /**
     * @throws ClientException 404 {@code account_not_found}
     */
    Stored existing(String username) {
        return find(username).orElseThrow(() -> new ClientException(404, "account_not_found", "没有这个账号：" + username));
    }

    List<Stored> all() {
        return db.transaction(c -> {
            List<Stored> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM staff_accounts ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    boolean hasActiveAdmin() {
        return activeAdmins() > 0;
    }

    private void keepAnotherAdmin(Connection c, long id, String refusal) throws SQLException {
        if (refusal == null) {
            return;
        }
        db.serialise(c, LOCK);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM staff_accounts WHERE role = 'admin' AND active = 1 AND id <> ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    throw new ClientException(409, "last_admin", refusal);
                }
            }
        }
    }

    int activeAdmins() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM staff_accounts WHERE role = 'admin' AND active = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * A new password hash; sessions other than {@code keepTokenSha256} (null: none kept) end.
     *
     * @param resetBy the admin who set it for someone else (recorded for the four-eyes rule), or null when
     *                the account changed its own
     */
    void setPassword(long id, String hash, String resetBy, Instant now, String keepTokenSha256) {
        db.transaction(c -> {
            String sql = resetBy == null
                    ? "UPDATE staff_accounts SET password_hash = ?, must_change_password = 0, password_changed_at = ? WHERE id = ?"
                    : "UPDATE staff_accounts SET password_hash = ?, must_change_password = 1, password_changed_at = ?, "
                    + "password_reset_by = ?, password_reset_at = ? WHERE id = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, hash);
                ps.setString(i++, now.toString());
                if (resetBy != null) {
                    ps.setString(i++, resetBy);
                    ps.setString(i++, now.toString());
                }
                ps.setLong(i, id);
                ps.executeUpdate();
            }
            endSessions(c, id, keepTokenSha256);
            return null;
        });
    }

    /** Deactivating also ends the account's sessions, so it is out at once, not at its next login. */
    void setActive(long id, boolean active) {
        setActive(id, active, null);
    }

    /**
     * @param lastAdminRefusal when not null: the target is an active admin, and this message refuses (409
     *                         {@code last_admin}) if no other active admin would remain — checked in the same
     *                         transaction, under the staff lock, so two admins cannot deactivate each other at once
     */
    void setActive(long id, boolean active, String lastAdminRefusal) {
        db.transaction(c -> {
            keepAnotherAdmin(c, id, lastAdminRefusal);
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_accounts SET active = ? WHERE id = ?")) {
                ps.setInt(1, active ? 1 : 0);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            if (!active) {
                endSessions(c, id, null);
            }
            return null;
        });
    }

    /** Changes the role and records who did it, in one transaction (the four-eyes rule reads the record). */
    void changeRole(long id, Role from, Role to, String department, String changedBy, Instant now, String lastAdminRefusal) {
        db.transaction(c -> {
            keepAnotherAdmin(c, id, lastAdminRefusal);
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_accounts SET role = ?, department = ? WHERE id = ?")) {
                ps.setString(1, to.code());
                ps.setString(2, department);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO staff_role_changes (account_id, changed_by, from_role, to_role, at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, changedBy);
                ps.setString(3, from.code());
                ps.setString(4, to.code());
                ps.setString(5, now.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Opens a session and records the sign-in time, in one transaction. */
    void insertSession(long accountId, String tokenSha256, String csrf, Instant expires, Instant now) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_accounts SET last_login_at = ? WHERE id = ?")) {
                ps.setString(1, now.toString());
                ps.setLong(2, accountId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO staff_sessions (token_sha256, account_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, tokenSha256);
                ps.setLong(2, accountId);
                ps.setString(3, csrf);
                ps.setString(4, expires.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Deletes sessions that expired before {@code now}. The stored times are ISO instants compared as text,
     * which can misorder two times within the same second; a session is at worst purged one login later.
     *
     * @return how many were deleted
     */
    int purgeExpiredSessions(Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_sessions WHERE expires_at < ?")) {
                ps.setString(1, now.toString());
                return ps.executeUpdate();
            }
        });
    }

    int sessionCount() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM staff_sessions"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    void deleteSession(String tokenSha256) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_sessions WHERE token_sha256 = ?")) {
                ps.setString(1, tokenSha256);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The signed-in account of a live session of an active account, with the session's CSRF token. */
    Optional<StaffService.Session> session(String tokenSha256, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.username, a.role, a.department, a.active, "
                    + "a.must_change_password, a.created_by, s.csrf_token, s.expires_at "
                    + "FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id WHERE s.token_sha256 = ?")) {
                ps.setString(1, tokenSha256);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || Instant.parse(rs.getString(9)).isBefore(now) || rs.getInt(5) != 1) {
                        return Optional.<StaffService.Session>empty();
                    }
                    StaffService.Account a = new StaffService.Account(rs.getLong(1), rs.getString(2),
                            Role.fromCode(rs.getString(3)).orElseThrow(), rs.getString(4), true, rs.getInt(6) == 1, rs.getString(7));
                    return Optional.of(new StaffService.Session(a, rs.getString(8)));
                }
            }
        });
    }

    private static void endSessions(Connection c, long accountId, String keepTokenSha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_sessions WHERE account_id = ? AND token_sha256 IS DISTINCT FROM ?")) {
            ps.setLong(1, accountId);
            ps.setString(2, keepTokenSha256);
            ps.executeUpdate();
        }
    }

    private static Optional<Stored> find(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM staff_accounts WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static Stored row(ResultSet rs) throws SQLException {
        StaffService.Account a = new StaffService.Account(rs.getLong(1), rs.getString(2), Role.fromCode(rs.getString(3)).orElseThrow(),
                rs.getString(4), rs.getInt(5) == 1, rs.getInt(6) == 1, rs.getString(7));
        return new Stored(a, rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
