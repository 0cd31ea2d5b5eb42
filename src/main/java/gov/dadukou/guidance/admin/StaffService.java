package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.Database;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Staff accounts, logins and sessions, and the append-only audit log of staff actions. Failed logins are
 * slowed, an account is locked for 15 minutes after 5 failures in a row, and an address is refused for
 * 15 minutes after 20 failures. Session tokens and CSRF tokens are random; only the SHA-256 of a session
 * token is stored. Thread-safe.
 */
public final class StaffService {
    static final int ACCOUNT_FAILURES = 5;
    static final int ADDRESS_FAILURES = 20;
    static final Duration LOCK = Duration.ofMinutes(15);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");
    private static final int MIN_PASSWORD = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Verified against when the username does not exist, so that timing does not tell. */
    private static final String DUMMY_HASH = new PasswordHasher(PasswordHasher.OWASP_ITERATIONS).hash("dummy-password".toCharArray());

    public record Account(long id, String username, Role role, String department, boolean active) {
    }

    public record Session(Account account, String csrfToken) {
    }

    public record Login(String token, String csrfToken, Account account, Instant expiresAt) {
    }

    public record AuditRow(long id, String at, String username, String action, String detail) {
    }

    private final Database db;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final Duration sessionTtl;
    private final Map<String, Deque<Instant>> failuresByAddress = new ConcurrentHashMap<>();

    public StaffService(Database db, Clock clock, PasswordHasher hasher, Duration sessionTtl) {
        this.db = db;
        this.clock = clock;
        this.hasher = hasher;
        this.sessionTtl = sessionTtl;
    }

    /**
     * @throws ClientException when the username, password, role or department is unacceptable or taken
     */
    public Account create(String username, char[] password, Role role, String department) {
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw ClientException.badRequest("invalid_username", "用户名应为3–32位小写字母、数字、点、下划线或连字符。");
        }
        if (password == null || password.length < MIN_PASSWORD) {
            throw ClientException.badRequest("weak_password", "密码至少" + MIN_PASSWORD + "位。");
        }
        if (role == null) {
            throw ClientException.badRequest("invalid_role", "角色只能是 editor、reviewer 或 admin。");
        }
        if (role == Role.EDITOR && (department == null || department.isBlank())) {
            throw ClientException.badRequest("missing_department", "编辑账号必须属于一个实施单位。");
        }
        String hash = hasher.hash(password);
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM staff_accounts WHERE username = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new ClientException(409, "username_taken", "用户名已被使用。");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_accounts (username, password_hash, role, department, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setString(2, hash);
                ps.setString(3, role.code());
                ps.setString(4, department == null || department.isBlank() ? null : department.strip());
                ps.setString(5, clock.instant().toString());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Account(keys.getLong(1), name, role, department, true);
                }
            }
        });
    }

    public boolean hasAdmin() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM staff_accounts WHERE role = 'admin' AND active = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /**
     * Checks the password and opens a session.
     *
     * @throws ClientException 401 for wrong credentials, 423 for a locked account, 429 for a throttled address
     */
    public Login login(String username, char[] password, String address) {
        Instant now = clock.instant();
        String from = address == null ? "?" : address;
        Deque<Instant> recent = recentFailures(from, now);
        int recentCount;
        synchronized (recent) {
            recentCount = recent.size();
        }
        if (recentCount >= ADDRESS_FAILURES) {
            throw new ClientException(429, "too_many_attempts", "登录失败次数过多，请15分钟后再试。");
        }
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<Stored> stored = find(name);
        if (stored.isPresent() && stored.get().lockedUntil() != null && stored.get().lockedUntil().isAfter(now)) {
            throw new ClientException(423, "account_locked", "账号因多次登录失败已暂时锁定，请15分钟后再试或联系管理员。");
        }
        boolean ok = PasswordHasher.verify(password, stored.map(Stored::hash).orElse(DUMMY_HASH))
                && stored.isPresent() && stored.get().account().active();
        if (!ok) {
            synchronized (recent) {
                recent.addLast(now);
            }
            stored.ifPresent(s -> recordFailure(s.account().id(), now));
            slowDown(recentCount + 1);
            throw new ClientException(401, "invalid_credentials", "用户名或密码不正确。");
        }
        Account account = stored.get().account();
        String token = randomToken();
        String csrf = randomToken();
        Instant expires = now.plus(sessionTtl);
        db.transaction(c -> {
            update(c, "UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?", account.id());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO staff_sessions (token_sha256, account_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, sha256(token));
                ps.setLong(2, account.id());
                ps.setString(3, csrf);
                ps.setString(4, expires.toString());
                ps.executeUpdate();
            }
            return null;
        });
        audit(account.username(), "login", null);
        return new Login(token, csrf, account, expires);
    }

    public Optional<Session> session(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.username, a.role, a.department, a.active, s.csrf_token, s.expires_at "
                    + "FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id WHERE s.token_sha256 = ?")) {
                ps.setString(1, sha256(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || Instant.parse(rs.getString(7)).isBefore(clock.instant()) || rs.getInt(5) != 1) {
                        return Optional.<Session>empty();
                    }
                    Account a = new Account(rs.getLong(1), rs.getString(2), Role.fromCode(rs.getString(3)).orElseThrow(),
                            rs.getString(4), true);
                    return Optional.of(new Session(a, rs.getString(6)));
                }
            }
        });
    }

    public void logout(String token) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_sessions WHERE token_sha256 = ?")) {
                ps.setString(1, sha256(token));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<Account> accounts() {
        return db.transaction(c -> {
            List<Account> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, username, role, department, active FROM staff_accounts ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Account(rs.getLong(1), rs.getString(2), Role.fromCode(rs.getString(3)).orElseThrow(), rs.getString(4),
                            rs.getInt(5) == 1));
                }
            }
            return out;
        });
    }

    /** Appends to the audit log; every view of personal data goes through here. */
    public void audit(String username, String action, String detail) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_audit (at, username, action, detail) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, clock.instant().toString());
                ps.setString(2, username);
                ps.setString(3, action);
                ps.setString(4, detail);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<AuditRow> auditLog(int limit) {
        return db.transaction(c -> {
            List<AuditRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, username, action, detail FROM staff_audit ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    private record Stored(Account account, String hash, Instant lockedUntil) {
    }

    private Optional<Stored> find(String username) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, username, role, department, active, password_hash, locked_until FROM staff_accounts WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Stored>empty();
                    }
                    Account a = new Account(rs.getLong(1), rs.getString(2), Role.fromCode(rs.getString(3)).orElseThrow(),
                            rs.getString(4), rs.getInt(5) == 1);
                    return Optional.of(new Stored(a, rs.getString(6), rs.getString(7) == null ? null : Instant.parse(rs.getString(7))));
                }
            }
        });
    }

    private void recordFailure(long accountId, Instant now) {
        db.transaction(c -> {
            update(c, "UPDATE staff_accounts SET failed_logins = failed_logins + 1 WHERE id = ?", accountId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_accounts SET locked_until = ?, failed_logins = 0 "
                    + "WHERE id = ? AND failed_logins >= ?")) {
                ps.setString(1, now.plus(LOCK).toString());
                ps.setLong(2, accountId);
                ps.setInt(3, ACCOUNT_FAILURES);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Deque<Instant> recentFailures(String address, Instant now) {
        if (failuresByAddress.size() > 10_000) {
            // Bounded memory: forget addresses whose failures have all aged out.
            failuresByAddress.values().removeIf(d -> {
                synchronized (d) {
                    return d.isEmpty() || d.peekLast().isBefore(now.minus(LOCK));
                }
            });
        }
        Deque<Instant> recent = failuresByAddress.computeIfAbsent(address, k -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(LOCK))) {
                recent.pollFirst();
            }
        }
        return recent;
    }

    /** Each failure from an address waits a little longer, up to two seconds. */
    private static void slowDown(int failures) {
        try {
            Thread.sleep(Math.min(2_000, 100L * failures));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String text) {
        return gov.dadukou.guidance.Hashing.sha256Hex(text);
    }
}
