package gov.dadukou.guidance.consent;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Voluntary, revocable consent to receive guidance and reminders, proven by the hash-chained ledger.
 * Validates what a business submits, issues a receipt and a withdrawal token (kept only as a hash),
 * honours withdrawal at once, shows a business its own record, and erases contact data on request.
 * Nothing here touches the chat: the assistant answers the same with or without consent.
 * Thread-safe (all state is in the database, whose transactions are serialised).
 */
public final class ConsentService {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
    private static final int MAX_COMPANY = 100;
    private static final int MAX_CONTACT = 50;

    /** Who processes the data and how long it is kept, as the notice states them. */
    public record NoticeSettings(String controller, String contact, String retention) {
    }

    private final Database db;
    private final Clock clock;
    private final Set<String> topics;
    private final ConsentNotice notice;
    private final SecureRandom random = new SecureRandom();
    private volatile ConsentLedger.Verification lastVerification;

    public ConsentService(Database db, Clock clock, List<String> topics, NoticeSettings settings) {
        this.db = db;
        this.clock = clock;
        this.topics = Set.copyOf(topics);
        this.notice = register(settings, topics);
    }

    /** The current notice; a text that differs from every stored version is stored as the next version. */
    private ConsentNotice register(NoticeSettings s, List<String> topicList) {
        String text = ConsentNotice.compose(s.controller(), s.contact(), s.retention(), topicList);
        String sha = ConsentLedger.sha256(text);
        int version = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM consent_notices WHERE sha256 = ?")) {
                ps.setString(1, sha);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
            }
            int next;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM consent_notices");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getInt(1);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO consent_notices (version, sha256, text, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, next);
                ps.setString(2, sha);
                ps.setString(3, text);
                ps.setString(4, now());
                ps.executeUpdate();
            }
            return next;
        });
        return new ConsentNotice(version, sha, text, s.controller(), s.contact(), ConsentNotice.PURPOSE,
                ConsentNotice.COLLECTED, s.retention(), ConsentNotice.RIGHTS, topicList);
    }

    public ConsentNotice notice() {
        return notice;
    }

    /**
     * Records a consent. A 201 to the caller means it is on disk (the transaction commits with full
     * synchronous durability). An earlier active consent of the same business is superseded.
     *
     * @throws ClientException with a field-specific code when the request is not acceptable
     */
    public ConsentReceipt grant(ConsentRequest r) {
        String company = required(r.companyName(), "company_name", "企业名称", MAX_COMPANY);
        String code = r.creditCode() == null ? "" : r.creditCode().strip().toUpperCase(java.util.Locale.ROOT);
        if (!CreditCode.isValid(code)) {
            throw ClientException.badRequest("invalid_credit_code", "统一社会信用代码不正确，请核对18位代码。");
        }
        String contact = required(r.contactName(), "contact_name", "联系人姓名", MAX_CONTACT);
        String phone = r.phone() == null ? "" : r.phone().strip();
        if (!PHONE.matcher(phone).matches()) {
            throw ClientException.badRequest("invalid_phone", "手机号码格式不正确，请填写11位中国大陆手机号码。");
        }
        List<String> chosen = topics(r.topics());
        if (r.noticeVersion() == null || r.noticeVersion() != notice.version()) {
            throw ClientException.badRequest("stale_notice_version", "告知书已更新，请阅读最新版本后再确认。");
        }
        if (!Boolean.TRUE.equals(r.agreed())) {
            throw ClientException.badRequest("consent_not_agreed", "请阅读告知书并勾选同意后再提交。");
        }
        String receiptId = UUID.randomUUID().toString();
        String token = token();
        String at = now();
        db.transaction(c -> {
            for (String previous : activeReceipts(c, code)) {
                ConsentLedger.append(c, previous, "superseded", at, Map.of("by", receiptId));
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("companyName", company);
            payload.put("creditCode", code);
            payload.put("topics", chosen);
            payload.put("noticeVersion", notice.version());
            payload.put("noticeSha256", notice.sha256());
            payload.put("tokenSha256", ConsentLedger.sha256(token));
            ConsentLedger.append(c, receiptId, "granted", at, payload);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO consent_contacts (receipt_id, contact_name, phone) VALUES (?, ?, ?)")) {
                ps.setString(1, receiptId);
                ps.setString(2, contact);
                ps.setString(3, phone);
                ps.executeUpdate();
            }
            return null;
        });
        return new ConsentReceipt(receiptId, token, at, chosen, notice.version(), notice.sha256(), "active");
    }

    /** Withdraws at once; withdrawing again returns the first withdrawal. */
    public Map<String, String> withdraw(String receiptId, String token) {
        return db.transaction(c -> {
            List<ConsentLedger.Event> events = authorised(c, receiptId, token);
            for (ConsentLedger.Event e : events) {
                if (e.event().equals("withdrawn")) {
                    return result(receiptId, "withdrawn", e.at());
                }
            }
            ConsentLedger.Event e = ConsentLedger.append(c, receiptId, "withdrawn", now(), Map.of());
            return result(receiptId, "withdrawn", e.at());
        });
    }

    /** Deletes the contact name and phone; the ledger keeps an {@code erased} event and still verifies. */
    public Map<String, String> eraseContact(String receiptId, String token) {
        return db.transaction(c -> {
            authorised(c, receiptId, token);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM consent_contacts WHERE receipt_id = ?")) {
                ps.setString(1, receiptId);
                if (ps.executeUpdate() == 0) {
                    return result(receiptId, "erased", null);
                }
            }
            ConsentLedger.Event e = ConsentLedger.append(c, receiptId, "erased", now(), Map.of("fields", List.of("contactName", "phone")));
            return result(receiptId, "erased", e.at());
        });
    }

    public ConsentView view(String receiptId, String token) {
        return db.transaction(c -> {
            List<ConsentLedger.Event> events = authorised(c, receiptId, token);
            return ConsentRecords.view(c, receiptId, events, true);
        });
    }

    /** Recomputes the whole chain (start-up, the {@code ledger verify} command, staff on demand). */
    public ConsentLedger.Verification verify() {
        ConsentLedger.Verification v = db.transaction(ConsentLedger::verify);
        lastVerification = v;
        return v;
    }

    /** The result of the latest {@link #verify()}, without recomputing: cheap enough for /health. */
    public ConsentLedger.Verification lastVerification() {
        return lastVerification;
    }

    /** Every active consent (not withdrawn, not superseded), with its contact data, for delivery. */
    public List<Subscription> activeSubscriptions() {
        return db.transaction(c -> {
            List<Subscription> out = new ArrayList<>();
            for (ConsentView v : ConsentRecords.all(c, true)) {
                if (v.status().equals("active")) {
                    out.add(Subscription.of(v));
                }
            }
            return out;
        });
    }

    /** The business's active consent right now, if any: checked again just before each delivery. */
    public java.util.Optional<Subscription> activeSubscription(String creditCode) {
        return db.transaction(c -> {
            List<String> receipts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT receipt_id FROM consent_events WHERE event = 'granted' "
                    + "AND json_extract(payload, '$.creditCode') = ? ORDER BY seq DESC")) {
                ps.setString(1, creditCode);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        receipts.add(rs.getString(1));
                    }
                }
            }
            for (String receipt : receipts) {
                ConsentView v = ConsentRecords.view(c, receipt, ConsentLedger.events(c, receipt), false);
                if (v.status().equals("active")) {
                    return java.util.Optional.of(Subscription.of(v));
                }
            }
            return java.util.Optional.<Subscription>empty();
        });
    }

    /** Every consent's current state, for staff; phones masked unless {@code unmasked}. */
    public List<ConsentView> all(boolean unmasked) {
        return db.transaction(c -> ConsentRecords.all(c, unmasked));
    }

    private List<ConsentLedger.Event> authorised(Connection c, String receiptId, String token) throws SQLException {
        List<ConsentLedger.Event> events = receiptId == null ? List.of() : ConsentLedger.events(c, receiptId);
        if (events.isEmpty() || !events.get(0).event().equals("granted")) {
            throw new ClientException(404, "consent_not_found", "没有找到这条同意记录，请核对回执编号。");
        }
        String expected = events.get(0).payloadJson().path("tokenSha256").asText();
        String given = token == null ? "" : ConsentLedger.sha256(token);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            throw new ClientException(403, "invalid_token", "撤回凭证不正确，请使用回执中的撤回凭证。");
        }
        return events;
    }

    private static List<String> activeReceipts(Connection c, String creditCode) throws SQLException {
        List<String> active = new ArrayList<>();
        for (ConsentRecords.Summary s : ConsentRecords.summaries(c)) {
            if (s.creditCode().equals(creditCode) && s.status().equals("active")) {
                active.add(s.receiptId());
            }
        }
        return active;
    }

    private List<String> topics(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ClientException.badRequest("missing_topics", "请至少选择一个希望接收提醒的主题。");
        }
        if (requested.size() > topics.size()) {
            throw ClientException.badRequest("too_many_topics", "选择的主题过多。");
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String t : requested) {
            if (t == null || !topics.contains(t.strip())) {
                throw ClientException.badRequest("unknown_topic", "不支持的主题：" + (t == null ? "" : t.strip()) + "。");
            }
            chosen.add(t.strip());
        }
        return List.copyOf(chosen);
    }

    private static String required(String value, String field, String label, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw ClientException.badRequest("missing_" + field, "请填写" + label + "。");
        }
        if (v.codePointCount(0, v.length()) > max) {
            throw ClientException.badRequest(field + "_too_long", label + "不能超过" + max + "个字。");
        }
        return v;
    }

    private String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }

    private static Map<String, String> result(String receiptId, String status, String at) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("receiptId", receiptId);
        m.put("status", status);
        m.put(status.equals("withdrawn") ? "withdrawnAt" : "erasedAt", at);
        return m;
    }

    static JsonNode payload(ConsentLedger.Event granted) {
        return granted.payloadJson();
    }
}
