package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.Database;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Staff accounts, logins and sessions, and the append-only audit log of staff actions.
 *
 * <p>Login: a wrong password, an unknown username and an inactive account are answered alike (401
 * {@code invalid_credentials}) after the same work (one account look-up and one PBKDF2 verification,
 * against a dummy hash of the same cost when there is no account). Guessing is slowed by
 * {@link LoginThrottle} per (username, client address) and per address, answered alike for every
 * username (429 {@code too_many_attempts} with {@code Retry-After}); there is no account lock that a
 * stranger could trigger. Passwords follow {@link PasswordPolicy}. An admin's reset makes the account
 * change its password at the next login before it may do anything else. Every account change is
 * audited here, so no caller can forget to.
 *
 * <p>Session tokens and CSRF tokens are random; only the SHA-256 of a session token is stored; expired
 * sessions are purged at each login. Nothing about a session, its CSRF token or the login delays is kept in
 * memory: every instance on one database sees the same sessions and throttles alike. Thread-safe.
 */
public final class StaffService {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Who made the accounts created at start-up or on the command line. */
    public static final String SYSTEM = "system";

    /**
     * A staff account. {@code createdBy} is the username of the admin who made it ({@code system} for the
     * first admin; null for accounts made before this was recorded).
     */
    public record Account(long id, String username, Role role, String department, boolean active, boolean mustChangePassword,
                          String createdBy) {
    }

    public record Session(Account account, String csrfToken) {
    }

    public record Login(String token, String csrfToken, Account account, Instant expiresAt) {
    }

    public record AuditRow(long id, String at, String username, String action, String detail) {
    }

    /**
     * One line of the admin's account list: the account, when and by whom it was made, its login failures
     * and when it last signed in (ISO instant; null if never since this was recorded).
     */
    public record Listed(long id, String username, Role role, String department, boolean active, boolean mustChangePassword,
                         String createdBy, String createdAt, int recentLoginFailures, long loginRefusedForSeconds, String lastLoginAt) {
    }

    private final Database db;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final Duration sessionTtl;
    private final StaffAccounts accounts;
    private final LoginThrottle throttle;
    private final PasswordPolicy policy = PasswordPolicy.standard();
    /** Verified against when the username does not exist: this hasher's parameters, so it costs the same; matches nothing. */
    private final String dummyHash;

    public StaffService(Database db, Clock clock, PasswordHasher hasher, Duration sessionTtl) {
        this.db = db;
        this.clock = clock;
        this.hasher = hasher;
        this.sessionTtl = sessionTtl;
        this.accounts = new StaffAccounts(db);
        this.throttle = new LoginThrottle(db);
        this.dummyHash = hasher.unmatchable();
    }

    /**
     * An account made by the system (the first admin, the command line).
     *
     * @throws ClientException when the username, password, role or department is unacceptable or taken
     */
    public Account create(String username, char[] password, Role role, String department) {
        return insert(SYSTEM, username, password, role, department);
    }

    /** The first admin, {@code admin}, from {@code ADMIN_PASSWORD} at a start with none; audited as the system's act. */
    public Account createFirstAdmin(char[] password) {
        Account admin = create("admin", password, Role.ADMIN, null);
        audit("system", "create-admin", "first admin from ADMIN_PASSWORD");
        return admin;
    }

    /**
     * An account made by an admin; who made it is recorded (the four-eyes rule reads it).
     *
     * @throws ClientException when the username, password, role or department is unacceptable or taken
     */
    public Account create(Account by, String username, char[] password, Role role, String department) {
        return insert(by.username(), username, password, role, department);
    }

    private Account insert(String createdBy, String username, char[] password, Role role, String department) {
        String name = normalise(username);
        if (!USERNAME.matcher(name).matches()) {
            throw ClientException.badRequest("invalid_username", "用户名应为3–32位小写字母、数字、点、下划线或连字符。");
        }
        policy.check(password, name);
        String dept = requireDepartment(role, department);
        return accounts.insert(name, hasher.hash(password), role, dept, createdBy, clock.instant());
    }

    public boolean hasAdmin() {
        return accounts.hasActiveAdmin();
    }

    /**
     * Checks the password and opens a session.
     *
     * @param address the client's address as resolved through the trusted proxies
     * @throws ClientException 401 {@code invalid_credentials} for any wrong username, password or inactive
     *                         account; 429 {@code too_many_attempts} (with Retry-After) while throttled
     */
    public Login login(String username, char[] password, String address) {
        Instant now = clock.instant();
        String name = normalise(username);
        String from = address == null || address.isBlank() ? "unknown" : address;
        refuseIfThrottled(name, from, now); // counts this try as a failure until it succeeds
        Optional<StaffAccounts.Stored> stored = accounts.find(name);
        // Always one full verification, against a dummy hash of the same cost when there is no account.
        boolean matches = hasher.matches(password, stored.map(StaffAccounts.Stored::hash).orElse(dummyHash));
        if (!matches || stored.isEmpty() || !stored.get().account().active()) {
            throw invalidCredentials();
        }
        throttle.succeeded(name, from, now);
        accounts.purgeExpiredSessions(now);
        Account account = stored.get().account();
        String token = randomToken();
        String csrf = randomToken();
        Instant expires = now.plus(sessionTtl);
        accounts.insertSession(account.id(), sha256(token), csrf, expires, now);
        audit(account.username(), "login", "from " + from + (account.mustChangePassword() ? ", must change password" : ""));
        return new Login(token, csrf, account, expires);
    }

    public Optional<Session> session(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return accounts.session(sha256(token), clock.instant());
    }

    public void logout(String token) {
        if (token != null) {
            accounts.deleteSession(sha256(token));
        }
    }

    /**
     * The signed-in account changes its own password; its other sessions end, this one stays. Wrong
     * current passwords count towards the login throttle, so a stolen session cannot guess it quickly.
     *
     * @param token   this session's token (kept)
     * @param address the client's address, for the throttle
     * @throws ClientException 400 {@code wrong_password} or {@code weak_password} or {@code same_password},
     *                         429 {@code too_many_attempts}
     */
    public void changeOwnPassword(Account who, String token, char[] current, char[] next, String address) {
        Instant now = clock.instant();
        String from = address == null || address.isBlank() ? "unknown" : address;
        refuseIfThrottled(who.username(), from, now);
        StaffAccounts.Stored stored = accounts.existing(who.username());
        if (!hasher.matches(current == null ? new char[0] : current, stored.hash())) {
            throw ClientException.badRequest("wrong_password", "当前密码不正确。");
        }
        throttle.succeeded(who.username(), from, now);
        policy.check(next, who.username());
        if (PasswordHasher.verify(next, stored.hash())) {
            throw ClientException.badRequest("same_password", "新密码不能与当前密码相同。");
        }
        accounts.setPassword(who.id(), hasher.hash(next), null, now, token == null ? null : sha256(token));
        audit(who.username(), "change-password", stored.account().mustChangePassword() ? "forced change done" : null);
    }

    /**
     * An admin sets a temporary password for someone else's account: the account must change it at its next
     * login, its sessions end and its login delays are cleared.
     *
     * @throws ClientException 400 {@code own_account} or {@code weak_password}, 404 {@code account_not_found}
     */
    public void resetPassword(Account admin, String username, char[] temporary) {
        StaffAccounts.Stored target = other(admin, username, "请在“修改密码”中修改自己的密码。");
        policy.check(temporary, target.account().username());
        accounts.setPassword(target.account().id(), hasher.hash(temporary), admin.username(), clock.instant(), null);
        throttle.clear(target.account().username());
        audit(admin.username(), "reset-password", target.account().username() + " (must change at next login)");
    }

    /**
     * Deactivates someone else's account; its sessions end at once. The last active admin stays.
     *
     * @throws ClientException 400 {@code own_account}, 404 {@code account_not_found}, 409 {@code last_admin}
     */
    public void deactivate(Account admin, String username) {
        StaffAccounts.Stored target = other(admin, username, "不能停用自己的账号。");
        boolean activeAdmin = target.account().role() == Role.ADMIN && target.account().active();
        accounts.setActive(target.account().id(), false, activeAdmin ? "这是最后一个有效的管理员账号，不能停用。" : null);
        audit(admin.username(), "deactivate-account", target.account().username());
    }

    /**
     * @throws ClientException 404 {@code account_not_found}
     */
    public void reactivate(Account admin, String username) {
        StaffAccounts.Stored target = accounts.existing(normalise(username));
        accounts.setActive(target.account().id(), true);
        audit(admin.username(), "reactivate-account", target.account().username());
    }

    /**
     * Clears the login delays of an account at every address (not the per-address spraying limit).
     *
     * @throws ClientException 404 {@code account_not_found}
     */
    public void unlock(Account admin, String username) {
        StaffAccounts.Stored target = accounts.existing(normalise(username));
        int cleared = throttle.clear(target.account().username());
        audit(admin.username(), "unlock-account", target.account().username() + " (" + cleared + " addresses cleared)");
    }

    /**
     * Changes someone else's role (and department); recorded with who changed it, for the four-eyes rule.
     *
     * @throws ClientException 400 {@code own_account}, {@code invalid_role} or {@code missing_department},
     *                         404 {@code account_not_found}, 409 {@code last_admin}
     */
    public Account changeRole(Account admin, String username, Role role, String department) {
        StaffAccounts.Stored target = other(admin, username, "不能修改自己的角色。");
        if (role == null) {
            throw ClientException.badRequest("invalid_role", "角色只能是 editor、reviewer 或 admin。");
        }
        String dept = requireDepartment(role, department);
        Account a = target.account();
        boolean leavesAdmins = a.role() == Role.ADMIN && role != Role.ADMIN && a.active();
        accounts.changeRole(a.id(), a.role(), role, dept, admin.username(), clock.instant(),
                leavesAdmins ? "这是最后一个有效的管理员账号，不能改为其他角色。" : null);
        audit(admin.username(), "change-role", a.username() + " " + a.role().code() + " → " + role.code() + (dept == null ? "" : " (" + dept + ")"));
        return new Account(a.id(), a.username(), role, dept, a.active(), a.mustChangePassword(), a.createdBy());
    }

    /** Every account with who made it and its recent login failures. */
    public List<Listed> accounts() {
        Map<String, LoginThrottle.Status> statuses = throttle.statuses(clock.instant());
        return accounts.all().stream().map(s -> {
            Account a = s.account();
            LoginThrottle.Status t = statuses.getOrDefault(a.username(), LoginThrottle.Status.NONE);
            return new Listed(a.id(), a.username(), a.role(), a.department(), a.active(), a.mustChangePassword(), a.createdBy(),
                    s.createdAt(), t.failures(), t.refusedForSeconds(), s.lastLoginAt());
        }).toList();
    }

    /** Appends to the audit log; every view of personal data and every account change goes through here. */
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

    /** How many sessions are stored, expired ones included (to check the purge). */
    int storedSessions() {
        return accounts.sessionCount();
    }

    /** Refuses a throttled try; otherwise counts it as a failure in advance (see {@link LoginThrottle#attempt}). */
    private void refuseIfThrottled(String name, String from, Instant now) {
        long wait = throttle.attempt(name, from, now);
        if (wait > 0) {
            // The same answer whether or not the username exists: the throttle is keyed by what was typed.
            throw ClientException.tooManyRequests("too_many_attempts", wait, "登录尝试过于频繁，请" + humanWait(wait) + "后再试。");
        }
    }

    private StaffAccounts.Stored other(Account admin, String username, String ownMessage) {
        String name = normalise(username);
        if (name.equals(admin.username())) {
            throw ClientException.badRequest("own_account", ownMessage);
        }
        return accounts.existing(name);
    }

    private static String requireDepartment(Role role, String department) {
        if (role == null) {
            throw ClientException.badRequest("invalid_role", "角色只能是 editor、reviewer 或 admin。");
        }
        if (role == Role.EDITOR && (department == null || department.isBlank())) {
            throw ClientException.badRequest("missing_department", "编辑账号必须属于一个实施单位。");
        }
        return department == null || department.isBlank() ? null : department.strip();
    }

    private static ClientException invalidCredentials() {
        return new ClientException(401, "invalid_credentials", "用户名或密码不正确。");
    }

    private static String humanWait(long seconds) {
        return seconds < 60 ? seconds + "秒" : ((seconds + 59) / 60) + "分钟";
    }

    private static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
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
