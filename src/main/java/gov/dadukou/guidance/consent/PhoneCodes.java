package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.Hashing;
import gov.dadukou.guidance.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * One-time codes that prove a phone belongs to the person consenting. A code is six random digits, valid
 * for {@link #TTL}, good for one consent, and refused after {@link #MAX_ATTEMPTS} wrong tries. Only hashes
 * are stored (table {@code consent_codes}): the phone's SHA-256 as the key, the code's salted SHA-256.
 * Requests for one phone are throttled ({@link #RESEND_AFTER} apart, {@link #MAX_PER_DAY} a day in the
 * district) so that the endpoint cannot be used to flood a number; per-address limits belong to the HTTP
 * layer. Thread-safe: every read-modify-write is one database transaction, and on PostgreSQL its read locks the
 * phone's row ({@code FOR UPDATE}), so that instances sharing the database cannot both accept one code or both
 * count the same attempt (READ COMMITTED alone would let two transactions read the row before either writes);
 * issuing also takes a lock named after the phone, since a first request has no row yet to lock.
 */
final class PhoneCodes {
    static final Duration TTL = Duration.ofMinutes(10);
    static final int MAX_ATTEMPTS = 5;
    static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    static final int MAX_PER_DAY = 10;
    private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
    /** Fixed width, so that stored times also compare correctly as text. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A code went out: when it expires and when the next one may be asked for. */
    record Issued(Instant expiresAt, long resendAfterSeconds) {
    }

    private record Row(String salt, String codeSha256, Instant expiresAt, int attempts, Instant sentAt, String day,
                       int sentThatDay) {
    }

    private enum Outcome { MATCHED, MISSING_OR_EXPIRED, WRONG, EXHAUSTED }

    private final Database db;
    private final Clock clock;
    private final CodeSender sender;
    private final SecureRandom random = new SecureRandom();

    PhoneCodes(Database db, Clock clock, CodeSender sender) {
        this.db = db;
        this.clock = clock;
        this.sender = sender;
    }

    /**
     * Issues a new code for {@code phone} (already validated) and sends it; an earlier code of the phone
     * stops working.
     *
     * @throws CodeThrottledException when asked again within {@link #RESEND_AFTER} or over the daily limit
     * @throws CodeSender.SendException when the channel refused it (the code is then void and may be asked again)
     */
    Issued request(String phone) {
        Instant now = clock.instant();
        String today = LocalDate.ofInstant(now, DISTRICT).toString();
        String key = phoneKey(phone);
        String code = String.format("%06d", random.nextInt(1_000_000));
        String salt = HexFormat.of().formatHex(randomBytes(16));
        Instant expires = now.plus(TTL);
        db.transaction(c -> {
            // Rows of an earlier day whose code has expired count for nothing any more: deleting them keeps
            // the table to a day of hashes.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM consent_codes WHERE day < ? AND expires_at < ?")) {
                ps.setString(1, today);
                ps.setString(2, INSTANT.format(now));
                ps.executeUpdate();
            }
            // The phone's first request has no row to lock: two instances asked at once would both insert
            // (the upsert) and both send, leaving the person two messages and one working code.
            db.serialise(c, "consent-code:" + key);
            Row row = row(c, key, db.dialect());
            int sentToday = 1;
            if (row != null) {
                Instant nextAllowed = row.sentAt().plus(RESEND_AFTER);
                if (now.isBefore(nextAllowed)) {
                    long wait = Math.max(1, Duration.between(now, nextAllowed).toSeconds() + 1);
                    throw new CodeThrottledException("code_too_soon", "验证码刚刚发送过，请在" + wait + "秒后再重新获取。", wait);
                }
                sentToday = row.day().equals(today) ? row.sentThatDay() + 1 : 1;
                if (sentToday > MAX_PER_DAY) {
                    long untilMidnight = Duration.between(now, LocalDate.parse(today).plusDays(1).atStartOfDay(DISTRICT).toInstant()).toSeconds() + 1;
                    throw new CodeThrottledException("code_daily_limit",
                            "这个手机号码今天获取验证码的次数已达上限，请明天再试；也可以不填验证码提交（记录为“未验证”）。", untilMidnight);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_codes "
                    + "(phone_sha256, salt, code_sha256, expires_at, attempts, sent_at, day, sent_that_day) VALUES (?, ?, ?, ?, 0, ?, ?, ?) "
                    // One row per phone: a new code replaces the old one (an upsert both SQLite and PostgreSQL accept).
                    + "ON CONFLICT (phone_sha256) DO UPDATE SET salt = excluded.salt, code_sha256 = excluded.code_sha256, "
                    + "expires_at = excluded.expires_at, attempts = excluded.attempts, sent_at = excluded.sent_at, "
                    + "day = excluded.day, sent_that_day = excluded.sent_that_day")) {
                ps.setString(1, key);
                ps.setString(2, salt);
                ps.setString(3, codeHash(salt, code));
                ps.setString(4, INSTANT.format(expires));
                ps.setString(5, INSTANT.format(now));
                ps.setString(6, today);
                ps.setInt(7, sentToday);
                ps.executeUpdate();
            }
            return null;
        });
        try {
            sender.send(phone, code, (int) TTL.toMinutes());
        } catch (CodeSender.SendException e) {
            // Nobody received this code: void it and let the person ask again at once (the day's count stays).
            db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE consent_codes SET expires_at = ?, sent_at = ? WHERE phone_sha256 = ? AND salt = ?")) {
                    ps.setString(1, INSTANT.format(now));
                    ps.setString(2, INSTANT.format(Instant.EPOCH));
                    ps.setString(3, key);
                    ps.setString(4, salt);
                    ps.executeUpdate();
                }
                return null;
            });
            throw e;
        }
        return new Issued(expires, RESEND_AFTER.toSeconds());
    }

    /**
     * Checks and consumes the code of {@code phone}. A wrong code counts as an attempt even though the
     * request fails (its own transaction commits first), so the limit cannot be dodged.
     *
     * @throws ClientException {@code invalid_code}, {@code code_expired} or {@code code_attempts_exceeded}
     */
    void consume(String phone, String code) {
        String given = code == null ? "" : code.strip();
        if (!given.matches("\\d{6}")) {
            throw ClientException.badRequest("invalid_code", "验证码应是6位数字。");
        }
        String key = phoneKey(phone);
        Instant now = clock.instant();
        int[] left = {0};
        Outcome outcome = db.transaction(c -> {
            Row row = row(c, key, db.dialect());
            if (row == null || !now.isBefore(row.expiresAt())) {
                return Outcome.MISSING_OR_EXPIRED;
            }
            if (row.attempts() >= MAX_ATTEMPTS) {
                return Outcome.EXHAUSTED;
            }
            boolean matches = MessageDigest.isEqual(row.codeSha256().getBytes(StandardCharsets.US_ASCII),
                    codeHash(row.salt(), given).getBytes(StandardCharsets.US_ASCII));
            if (matches) {
                // Used once: void the code but keep the row, so the resend and daily limits still count.
                update(c, key, "UPDATE consent_codes SET expires_at = '" + INSTANT.format(Instant.EPOCH) + "' WHERE phone_sha256 = ?");
                return Outcome.MATCHED;
            }
            update(c, key, "UPDATE consent_codes SET attempts = attempts + 1 WHERE phone_sha256 = ?");
            left[0] = MAX_ATTEMPTS - row.attempts() - 1;
            return left[0] <= 0 ? Outcome.EXHAUSTED : Outcome.WRONG;
        });
        switch (outcome) {
            case MATCHED -> {
            }
            case MISSING_OR_EXPIRED -> throw ClientException.badRequest("code_expired", "验证码已过期或尚未获取，请重新获取验证码。");
            case EXHAUSTED -> throw ClientException.badRequest("code_attempts_exceeded", "验证码错误次数过多，请重新获取验证码。");
            case WRONG -> throw ClientException.badRequest("invalid_code", "验证码不正确，还可以再试" + left[0] + "次。");
        }
    }

    private static void update(Connection c, String key, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    /** The phone's row, locked until the transaction ends on PostgreSQL (SQLite: the one connection serialises). */
    private static Row row(Connection c, String key, Database.Dialect dialect) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT salt, code_sha256, expires_at, attempts, sent_at, day, sent_that_day "
                + "FROM consent_codes WHERE phone_sha256 = ?" + (dialect == Database.Dialect.POSTGRESQL ? " FOR UPDATE" : ""))) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Row(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getInt(4),
                        Instant.parse(rs.getString(5)), rs.getString(6), rs.getInt(7));
            }
        }
    }

    private static String phoneKey(String phone) {
        return Hashing.sha256Hex("consent-code-phone\n" + phone);
    }

    private static String codeHash(String salt, String code) {
        return Hashing.sha256Hex(salt + "\n" + code);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
