package gov.dadukou.guidance.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.Hashing;
import gov.dadukou.guidance.chat.PersonalData;
import gov.dadukou.guidance.consent.CreditCode;
import gov.dadukou.guidance.consent.MobileNumber;
import gov.dadukou.guidance.store.Database;
import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * 留言咨询, the public side: a business leaves a message for a department when the assistant cannot answer, gets a
 * ticket it can read out and a private token, and with the token reads the status and reply, rates the reply,
 * withdraws the message or erases its contact details. Only the token's SHA-256 is stored and it is compared in
 * constant time. A name and phone are kept only with an explicit call-back consent to {@link CallbackNotice}.
 *
 * <p>Everything is in the database (tickets drawn from a shared per-day sequence), so any number of instances can
 * serve the same messages. Thread-safe.
 */
public final class MessageService {
    public static final int MAX_QUESTION = 1000;
    static final int MAX_COMPANY = 100;
    static final int MAX_CONTACT = 50;
    static final int MAX_REASON = 500;
    public static final List<String> RATINGS = List.of("满意", "基本满意", "不满意");
    static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;
    private final WorkingDays calendar;
    private final int replyWorkingDays;
    private final Routing.Finder finder;
    private final Set<String> topics;
    private final SecureRandom random = new SecureRandom();

    public MessageService(Database db, Clock clock, WorkingDays calendar, int replyWorkingDays, Routing.Finder finder,
                          List<String> topics) {
        this.db = db;
        this.clock = clock;
        this.calendar = calendar;
        this.replyWorkingDays = replyWorkingDays;
        this.finder = finder;
        this.topics = Set.copyOf(topics);
    }

    /** What a new message asks; every field but the question optional. */
    public record Request(String question, String companyName, String creditCode, String topic, String contactName,
                          String phone, Boolean callbackConsent, Integer noticeVersion) {
    }

    /** The answer to a new message: the ticket to read out, the token (shown once), the promised date, the link. */
    public record Submitted(String ticket, String token, String dueDate, String dueDateText, int workingDays, String status,
                            String statusUrl, String department) {
    }

    public CallbackNotice notice() {
        return CallbackNotice.current();
    }

    /** How many working days a reply is promised within. */
    public int replyWorkingDays() {
        return replyWorkingDays;
    }

    /**
     * Records a message, routes it and promises a reply date.
     *
     * @throws ClientException 400 {@code message_empty}, {@code message_too_long}, {@code company_name_too_long},
     *                         {@code invalid_credit_code}, {@code unknown_topic}, {@code callback_consent_required},
     *                         {@code missing_contact_name}, {@code contact_name_too_long}, {@code invalid_phone},
     *                         {@code stale_notice_version}
     */
    public Submitted submit(Request r) {
        String question = visible(r.question());
        if (question.isEmpty()) {
            throw ClientException.badRequest("message_empty", "请填写留言内容。");
        }
        if (question.codePointCount(0, question.length()) > MAX_QUESTION) {
            throw ClientException.badRequest("message_too_long", "留言不能超过" + MAX_QUESTION + "个字。");
        }
        String company = optional(r.companyName(), "company_name", "企业名称", MAX_COMPANY);
        String code = r.creditCode() == null || r.creditCode().isBlank() ? null : r.creditCode().strip().toUpperCase(Locale.ROOT);
        if (code != null && !CreditCode.isValid(code)) {
            throw ClientException.badRequest("invalid_credit_code", "统一社会信用代码不正确，请核对18位代码（也可以不填）。");
        }
        String topic = r.topic() == null || r.topic().isBlank() ? null : r.topic().strip();
        if (topic != null && !topics.contains(topic)) {
            throw ClientException.badRequest("unknown_topic", "不支持的主题：" + topic + "。");
        }
        Contact contact = contact(r);
        Routing routing = Routing.of(finder.candidates(question));
        String token = token();
        long now = clock.millis();
        LocalDate received = BeijingTime.day(now);
        LocalDate due = calendar.plusWorkingDays(received, replyWorkingDays);
        String chosenTopic = topic != null ? topic : routing.topic();
        String ticket = db.inTransaction(h -> {
            String t = Tickets.next(h, received);
            long id = h.createQuery("INSERT INTO messages (ticket, token_sha256, question, company_name, credit_code, topic, department, "
                            + "routed_by, candidates, status, received_at, due_date) VALUES (:ticket, :token, :q, :company, :code, :topic, "
                            + ":dept, :rule, :candidates, :status, :at, :due) RETURNING id")
                    .bind("ticket", t).bind("token", Hashing.sha256Hex(token)).bind("q", question).bind("company", company)
                    .bind("code", code).bind("topic", chosenTopic).bind("dept", routing.department()).bind("rule", routing.rule())
                    .bind("candidates", json(routing.candidates()))
                    .bind("status", routing.department() == null ? MessageRow.TRIAGE : MessageRow.ASSIGNED)
                    .bind("at", now).bind("due", due.toString())
                    .mapTo(Long.class).one();
            if (contact != null) {
                h.createUpdate("INSERT INTO message_contacts (message_id, contact_name, phone, notice_sha256, consented_at) "
                                + "VALUES (:m, :name, :phone, :notice, :at)")
                        .bind("m", id).bind("name", contact.name()).bind("phone", contact.phone())
                        .bind("notice", CallbackNotice.current().sha256()).bind("at", now).execute();
            }
            MessageRow.event(h, id, now, "system", routing.department() == null ? "triage" : "routed",
                    routing.rule() + (routing.department() == null ? "" : "：" + routing.department()));
            return t;
        });
        return new Submitted(ticket, token, due.toString(), BeijingTime.date(due.toString()), replyWorkingDays,
                routing.department() == null ? "received" : "assigned", "/messages/" + ticket + "?token=" + token,
                routing.department());
    }

    /** The message as its author sees it. @throws ClientException 404 {@code message_not_found}, 403 {@code invalid_token} */
    public MessageView view(String ticket, String token) {
        return db.inTransaction(h -> view(h, authorised(h, ticket, token)));
    }

    /**
     * Rates the reply once: 满意, 基本满意 or 不满意, with an optional reason (masked).
     *
     * @throws ClientException 400 {@code invalid_rating}, {@code reason_too_long}; 409 {@code not_replied}, {@code already_rated}
     */
    public MessageView rate(String ticket, String token, String rating, String reason) {
        String r = rating == null ? "" : rating.strip();
        if (!RATINGS.contains(r)) {
            throw ClientException.badRequest("invalid_rating", "评价只能是“满意”“基本满意”或“不满意”。");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.codePointCount(0, why.length()) > MAX_REASON) {
            throw ClientException.badRequest("reason_too_long", "评价理由不能超过" + MAX_REASON + "个字。");
        }
        return db.inTransaction(h -> {
            MessageRow m = authorised(h, ticket, token);
            if (!MessageRow.REPLIED.equals(m.status())) {
                throw new ClientException(409, "not_replied", "部门答复后才能评价。");
            }
            if (m.rating() != null) {
                throw new ClientException(409, "already_rated", "您已经评价过这条答复。");
            }
            long now = clock.millis();
            h.createUpdate("UPDATE messages SET rating = :r, rating_reason = :why, rated_at = :at WHERE id = :id")
                    .bind("r", r).bind("why", why == null ? null : PersonalData.mask(why)).bind("at", now).bind("id", m.id()).execute();
            MessageRow.event(h, m.id(), now, "public", "rated", r);
            return view(h, MessageRow.byTicket(h, m.ticket()).orElseThrow());
        });
    }

    /** Withdraws the message at once: no reply is sent to its contact after this. Repeating it changes nothing. */
    public MessageView withdraw(String ticket, String token) {
        return db.inTransaction(h -> {
            MessageRow m = authorised(h, ticket, token);
            if (!MessageRow.WITHDRAWN.equals(m.status())) {
                long now = clock.millis();
                h.createUpdate("UPDATE messages SET status = :s, withdrawn_at = :at WHERE id = :id")
                        .bind("s", MessageRow.WITHDRAWN).bind("at", now).bind("id", m.id()).execute();
                MessageNotifier.cancel(h, m.id(), now);
                MessageRow.event(h, m.id(), now, "public", "withdrawn", null);
            }
            return view(h, MessageRow.byTicket(h, m.ticket()).orElseThrow());
        });
    }

    /** Deletes the contact name and phone (the message and reply stay). Repeating it changes nothing. */
    public MessageView erase(String ticket, String token) {
        return db.inTransaction(h -> {
            MessageRow m = authorised(h, ticket, token);
            if (m.erasedAt() == null) {
                long now = clock.millis();
                h.createUpdate("DELETE FROM message_contacts WHERE message_id = :id").bind("id", m.id()).execute();
                h.createUpdate("UPDATE messages SET erased_at = :at WHERE id = :id").bind("at", now).bind("id", m.id()).execute();
                MessageNotifier.cancel(h, m.id(), now);
                MessageRow.event(h, m.id(), now, "public", "erased", "联系人姓名、手机号码");
            }
            return view(h, MessageRow.byTicket(h, m.ticket()).orElseThrow());
        });
    }

    private MessageRow authorised(Handle h, String ticket, String token) {
        MessageRow m = Tickets.wellFormed(ticket) ? MessageRow.byTicket(h, ticket).orElse(null) : null;
        if (m == null) {
            throw new ClientException(404, "message_not_found", "没有找到这条留言，请核对留言编号。");
        }
        String given = token == null ? "" : Hashing.sha256Hex(token);
        if (!MessageDigest.isEqual(m.tokenSha256().getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            throw new ClientException(403, "invalid_token", "查询凭证不正确，请使用留言回执中的链接。");
        }
        return m;
    }

    static MessageView view(Handle h, MessageRow m) {
        MessageView.Reply reply = MessageRow.REPLIED.equals(m.status()) || (m.withdrawnAt() != null && m.repliedAt() != null)
                ? new MessageView.Reply(m.replyText(), basis(m.replyBasis()), m.replyDepartment(), BeijingTime.iso(m.repliedAt()),
                BeijingTime.text(m.repliedAt()))
                : null;
        MessageView.Rating rating = m.rating() == null ? null
                : new MessageView.Rating(m.rating(), m.ratingReason(), BeijingTime.iso(m.ratedAt()), BeijingTime.text(m.ratedAt()));
        String status = m.publicStatus();
        return new MessageView(m.ticket(), status, label(status, m.department()), PersonalData.mask(m.question()), m.companyName(),
                m.topic(), m.department(), BeijingTime.iso(m.receivedAt()), BeijingTime.text(m.receivedAt()), m.dueDate(),
                BeijingTime.date(m.dueDate()), reply, rating, MessageRow.hasContact(h, m.id()), m.erasedAt() != null,
                BeijingTime.iso(m.withdrawnAt()), BeijingTime.text(m.withdrawnAt()));
    }

    static String label(String publicStatus, String department) {
        return switch (publicStatus) {
            case "received" -> "已收到，正在分派承办部门";
            case "assigned" -> "已分派至" + department + "办理";
            case "replied" -> "已答复";
            case "withdrawn" -> "已撤回";
            default -> publicStatus;
        };
    }

    static List<MessageView.Basis> basis(String json) {
        List<MessageView.Basis> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        try {
            JSON.readTree(json).forEach(b -> out.add(MessageView.Basis.of(b.path("law").asText(), b.path("article").asText(null))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored legal basis is JSON", e);
        }
        return out;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialisable", e);
        }
    }

    private record Contact(String name, String phone) {
    }

    /** The call-back contact, only with the box ticked against the current notice; null when none was given. */
    private static Contact contact(Request r) {
        boolean given = (r.contactName() != null && !r.contactName().isBlank()) || (r.phone() != null && !r.phone().isBlank());
        boolean consented = Boolean.TRUE.equals(r.callbackConsent());
        if (!consented) {
            if (given) {
                throw ClientException.badRequest("callback_consent_required", "如需部门回电或发短信答复，请阅读留言回复告知并勾选同意；不需要回电可以不填联系方式。");
            }
            return null;
        }
        if (r.noticeVersion() == null || r.noticeVersion() != CallbackNotice.VERSION) {
            throw ClientException.badRequest("stale_notice_version", "留言回复告知已更新，请阅读最新版本后再确认。");
        }
        String name = optional(r.contactName(), "contact_name", "联系人姓名", MAX_CONTACT);
        if (name == null) {
            throw ClientException.badRequest("missing_contact_name", "请填写联系人姓名。");
        }
        return new Contact(name, MobileNumber.normalise(r.phone()));
    }

    private static String optional(String value, String field, String label, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (v.codePointCount(0, v.length()) > max) {
            throw ClientException.badRequest(field + "_too_long", label + "不能超过" + max + "个字。");
        }
        return v;
    }

    /** The text as a person sees it: NFKC, control and format characters as spaces, the ends stripped. */
    static String visible(String text) {
        if (text == null) {
            return "";
        }
        String nfkc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean keep = cp == '\n' || !(type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE);
            sb.appendCodePoint(keep ? cp : ' ');
        });
        return sb.toString().strip();
    }

    private String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
