package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.Database;
import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Voluntary, revocable consent to receive guidance and reminders, proven by the hash-chained ledger.
 * A consent belongs to one contact: a business (credit code) and a phone. A new consent never ends
 * another contact's consent; it replaces the same contact's earlier consents only when the phone is
 * proved with a one-time code ({@link PhoneCodes}), because without that proof anyone who knows a public
 * credit code and a phone number could end someone else's consent. Validates what a contact submits,
 * issues a receipt and a withdrawal token (kept only as a hash), honours withdrawal at once, shows a
 * contact their own record, and erases contact data on request. Each write reads and updates a few
 * indexed rows ({@link ConsentState}), never the whole ledger, so its cost does not grow with the ledger.
 * Nothing here touches the chat: the assistant answers the same with or without consent.
 * Thread-safe, and correct with several instances on one PostgreSQL database: all state is in the database,
 * and every transaction that appends to the ledger takes the ledger's lock first ({@link ConsentLedger#lock}),
 * so the chain never forks and the state a write reads is never stale.
 */
public final class ConsentService {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    /** Who processes the data, how long it is kept and how reminders arrive, as the notice states them. */
    public record NoticeSettings(String controller, String contact, String retention, ReminderChannel channel) {
        /** With the channel that is true when no webhook is configured (tools and tests). */
        public NoticeSettings(String controller, String contact, String retention) {
            this(controller, contact, retention, ReminderChannel.NONE);
        }
    }

    private final Database db;
    private final Clock clock;
    private final ConsentRequests requests;
    private final PhoneCodes codes;
    private final ConsentNotice notice;
    private final SecureRandom random = new SecureRandom();
    private volatile ConsentLedger.Verification lastVerification;

    /** With the development code sender, which only logs codes (tools, and tests that need no codes). */
    public ConsentService(Database db, Clock clock, List<String> topics, NoticeSettings settings) {
        this(db, clock, topics, settings, new LogCodeSender());
    }

    public ConsentService(Database db, Clock clock, List<String> topics, NoticeSettings settings, CodeSender codeSender) {
        this.db = db;
        this.clock = clock;
        this.requests = new ConsentRequests(topics);
        this.codes = new PhoneCodes(db, clock, codeSender);
        this.notice = register(settings, topics);
    }

    /** The current notice; a text that differs from every stored version is stored as the next version. */
    private ConsentNotice register(NoticeSettings s, List<String> topicList) {
        String text = ConsentNotice.compose(s.controller(), s.contact(), s.retention(), topicList, s.channel());
        String sha = ConsentLedger.sha256(text);
        // Under the ledger's lock: instances starting together must not both store "the next version".
        int version = db.inTransaction(h -> {
            ConsentLedger.lock(h, db.dialect());
            Optional<Integer> known = h.createQuery("SELECT version FROM consent_notices WHERE sha256 = ?").bind(0, sha)
                    .mapTo(Integer.class).findFirst();
            if (known.isPresent()) {
                return known.get();
            }
            int next = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM consent_notices").mapTo(Integer.class).one();
            h.createUpdate("INSERT INTO consent_notices (version, sha256, text, created_at) VALUES (?, ?, ?, ?)")
                    .bind(0, next).bind(1, sha).bind(2, text).bind(3, now()).execute();
            return next;
        });
        return new ConsentNotice(version, sha, text, s.controller(), s.contact(), ConsentNotice.PURPOSE,
                ConsentNotice.COLLECTED, s.retention(), ConsentNotice.RIGHTS, topicList, s.channel().sentence(),
                ReminderChannel.FREQUENCY);
    }

    public ConsentNotice notice() {
        return notice;
    }

    /**
     * Sends a one-time code to {@code phone}, valid {@link PhoneCodes#TTL}; the next consent of that phone
     * may carry it to be verified.
     *
     * @throws ClientException {@code invalid_phone}
     * @throws CodeThrottledException when asked again too soon or too often today
     * @throws CodeSender.SendException when the channel did not take it
     */
    public CodeIssued requestCode(String phone) {
        PhoneCodes.Issued issued = codes.request(ConsentRequests.phone(phone));
        return new CodeIssued(issued.expiresAt().atOffset(ZoneOffset.UTC).format(TIME), (int) PhoneCodes.TTL.toMinutes(),
                issued.resendAfterSeconds());
    }

    /**
     * Records a consent. A 201 to the caller means it is on disk (the transaction commits with full
     * synchronous durability). With a valid one-time code the consent is verified and supersedes the same
     * contact's earlier active consents; without a code it is recorded unverified and supersedes nothing.
     * Another contact's consent, of the same business or not, is never touched.
     *
     * @throws ClientException with a field-specific code when the request is not acceptable, or
     *                         {@code invalid_code}, {@code code_expired}, {@code code_attempts_exceeded}
     *                         when a code was given but is not valid (nothing is recorded then)
     */
    public ConsentReceipt grant(ConsentRequest r) {
        ConsentRequests.Valid v = requests.validate(r, notice);
        boolean verified = false;
        if (v.code() != null) {
            codes.consume(v.phone(), v.code()); // after every other check, so a typo elsewhere does not burn the code
            verified = true;
        }
        String receiptId = UUID.randomUUID().toString();
        String token = token();
        String at = now();
        boolean proved = verified;
        db.inTransaction(h -> {
            record(ConsentLedger.lock(h, db.dialect()), v, proved, receiptId, ConsentLedger.sha256(token), at, notice);
            return null;
        });
        return new ConsentReceipt(receiptId, token, at, v.topics(), notice.version(), notice.sha256(), "active", verified,
                verified ? ConsentNotice.SCOPE_VERIFIED : ConsentNotice.SCOPE_UNVERIFIED, ReceiptCode.of(receiptId));
    }

    /**
     * Appends a consent inside the caller's transaction, which holds the ledger's lock: the supersessions it
     * causes, the granted event, its current-state row and its contact row. Shared with the benchmark that
     * fills large ledgers, so that it measures exactly what a consent writes.
     */
    static void record(ConsentLedger.Appender ledger, ConsentRequests.Valid v, boolean verified, String receiptId,
                       String tokenSha256, String at, ConsentNotice notice) {
        Handle h = ledger.handle();
        if (verified) {
            for (String previous : ConsentState.activeOfContact(h, v.creditCode(), v.phone())) {
                ledger.append(previous, "superseded", at, Map.of("by", receiptId));
                ConsentState.end(h, previous, "superseded", at);
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("companyName", v.company());
        payload.put("creditCode", v.creditCode());
        payload.put("topics", v.topics());
        payload.put("noticeVersion", notice.version());
        payload.put("noticeSha256", notice.sha256());
        payload.put("tokenSha256", tokenSha256);
        payload.put("phoneVerified", verified);
        ConsentLedger.Event granted = ledger.append(receiptId, "granted", at, payload);
        ConsentState.insert(h, receiptId, v.creditCode(), verified, granted.seq(), at, tokenSha256);
        h.createUpdate("INSERT INTO consent_contacts (receipt_id, contact_name, phone) VALUES (?, ?, ?)")
                .bind(0, receiptId).bind(1, v.contact()).bind(2, v.phone()).execute();
    }

    /**
     * Withdraws at once; withdrawing again returns the first withdrawal. Only this receipt's consent ends.
     * Two withdrawals of one receipt on two instances at once append one event: the ledger's lock is taken
     * before the events are read.
     */
    public Map<String, String> withdraw(String receiptId, String token) {
        return db.inTransaction(h -> {
            ConsentLedger.Appender ledger = ConsentLedger.lock(h, db.dialect());
            List<ConsentLedger.Event> events = authorised(h, receiptId, token);
            for (ConsentLedger.Event e : events) {
                if (e.event().equals("withdrawn")) {
                    return result(receiptId, "withdrawn", e.at());
                }
            }
            ConsentLedger.Event e = ledger.append(receiptId, "withdrawn", now(), Map.of());
            ConsentState.end(h, receiptId, "withdrawn", e.at());
            return result(receiptId, "withdrawn", e.at());
        });
    }

    /** Deletes the contact name and phone; the ledger keeps an {@code erased} event and still verifies. */
    public Map<String, String> eraseContact(String receiptId, String token) {
        return db.inTransaction(h -> {
            ConsentLedger.Appender ledger = ConsentLedger.lock(h, db.dialect());
            authorised(h, receiptId, token);
            if (h.createUpdate("DELETE FROM consent_contacts WHERE receipt_id = ?").bind(0, receiptId).execute() == 0) {
                return result(receiptId, "erased", null);
            }
            ConsentLedger.Event e = ledger.append(receiptId, "erased", now(), Map.of("fields", List.of("contactName", "phone")));
            return result(receiptId, "erased", e.at());
        });
    }

    public ConsentView view(String receiptId, String token) {
        return db.inTransaction(h -> {
            List<ConsentLedger.Event> events = authorised(h, receiptId, token);
            return ConsentRecords.view(h, receiptId, events, true);
        });
    }

    /**
     * Recomputes the whole chain, then checks the current-state table against it (start-up, the
     * {@code ledger verify} command, staff on demand). A chain that verifies with a state table that does
     * not agree is reported as not ok, with the receipt named in {@code problem}.
     */
    public ConsentLedger.Verification verify() {
        ConsentLedger.Verification v = db.inTransaction(h -> {
            ConsentLedger.Verification chain = ConsentLedger.verify(h);
            if (!chain.ok()) {
                return chain;
            }
            String problem = ConsentState.disagreement(h);
            return problem == null ? chain : new ConsentLedger.Verification(false, chain.events(), -1, problem);
        });
        lastVerification = v;
        return v;
    }

    /** The result of the latest {@link #verify()}, without recomputing: cheap enough for /health. */
    public ConsentLedger.Verification lastVerification() {
        return lastVerification;
    }

    /** Every active consent (not withdrawn, not superseded), with its contact data, for delivery. */
    public List<Subscription> activeSubscriptions() {
        return db.inTransaction(h -> ConsentState.subscriptions(h, null));
    }

    /** The consent of {@code receiptId} if it is active right now: checked again just before each delivery. */
    public Optional<Subscription> activeSubscription(String receiptId) {
        return db.inTransaction(h -> ConsentState.subscriptions(h, receiptId).stream().findFirst());
    }

    /**
     * The consents whose short receipt code is {@code code} (as a person read it out: case, spaces and
     * dashes do not matter), for staff; phones masked. Usually one; empty when none matches.
     */
    public List<ConsentView> byReceiptCode(String code) {
        String wanted = ReceiptCode.normalise(code);
        return all(false).stream().filter(v -> v.receiptCode().equals(wanted)).toList();
    }

    /** Every consent's current state, for staff; phones masked unless {@code unmasked}. */
    public List<ConsentView> all(boolean unmasked) {
        return db.inTransaction(h -> ConsentRecords.all(h, unmasked));
    }

    private List<ConsentLedger.Event> authorised(Handle h, String receiptId, String token) {
        List<ConsentLedger.Event> events = receiptId == null ? List.of() : ConsentLedger.events(h, receiptId);
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
}
