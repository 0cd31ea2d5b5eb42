package gov.dadukou.guidance.messages;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.admin.Role;
import gov.dadukou.guidance.admin.StaffService;
import gov.dadukou.guidance.chat.PersonalData;
import gov.dadukou.guidance.store.Database;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 留言咨询, the staff side: each department's inbox with due dates and overdue flags, the triage queue, reassignment
 * with a reason, the reply with its legal basis, a reviewer's approval where the department requires it (a setting
 * per department, in the database, on unless turned off), and one click from a reply to a knowledge-base draft.
 * Staff lists and details mask personal data in the question; the contact is only read through {@link #contact},
 * which the caller audits. An editor works on its own department's messages; a reviewer reads all and approves; an
 * admin does everything, the triage queue included. Thread-safe (state is in the database).
 */
public final class MessageDesk {
    static final int MAX_REPLY = 3000;
    static final int MAX_REASON = 200;
    static final String TRIAGE_LABEL = "待分办";

    /** Makes a knowledge-base draft from a reply, through the normal draft workflow; returns the entry id. */
    @FunctionalInterface
    public interface DraftMaker {
        String draft(StaffService.Account who, String question, String answer, String department, List<MessageView.Basis> basis);
    }

    /** One row of an inbox. {@code question} masked and cut to 120 characters. */
    public record InboxRow(String ticket, String status, String statusLabel, String department, String question, String topic,
                           String companyName, String receivedAt, String receivedAtText, String dueDate, String dueDateText,
                           boolean overdue, boolean contactKept, String rating, String draftEntryId) {
    }

    /** One line of a message's history. */
    public record Event(String at, String atText, String actor, String event, String detail) {
    }

    /** A message as staff see it (no contact: see {@link #contact}). */
    public record Detail(InboxRow summary, String question, String routedBy, List<String> candidates, String replyText,
                         List<MessageView.Basis> legalBasis, String replyBy, String returnComment, String approvedBy,
                         boolean requiresApproval, String notification, String ratingReason, List<Event> events) {
    }

    /** A contact given for a call-back. Personal data: the caller audits every read. */
    public record Contact(String ticket, String contactName, String phone) {
    }

    public record Setting(String department, boolean requiresApproval) {
    }

    private final Database db;
    private final Clock clock;
    private final Set<String> departments;
    private final DraftMaker drafts;
    private final MessageNotifier notifier;

    public MessageDesk(Database db, Clock clock, List<String> departments, DraftMaker drafts, MessageNotifier notifier) {
        this.db = db;
        this.clock = clock;
        this.departments = Set.copyOf(departments);
        this.drafts = drafts;
        this.notifier = notifier;
    }

    /**
     * An inbox, oldest due first. An editor sees its own department whatever is asked; others see {@code department}, or
     * the triage queue with {@code triage}, or everything. {@code open} leaves out replied and withdrawn messages.
     */
    public List<InboxRow> inbox(StaffService.Account who, String department, boolean triage, boolean open, boolean overdueOnly) {
        if (who.role() == Role.EDITOR && who.department() == null) {
            return List.of(); // an editor without a department works on no department's messages
        }
        String dept = who.role() == Role.EDITOR ? who.department() : department;
        boolean onlyTriage = who.role() != Role.EDITOR && triage;
        StringBuilder sql = new StringBuilder("SELECT " + MessageRow.COLUMNS + " FROM messages WHERE 1 = 1");
        if (onlyTriage) {
            sql.append(" AND department IS NULL");
        } else if (dept != null) {
            sql.append(" AND department = :dept");
        }
        if (open) {
            sql.append(" AND status IN ('triage', 'assigned', 'pending_approval')");
        }
        sql.append(" ORDER BY due_date, received_at LIMIT 500");
        return db.inTransaction(h -> {
            var q = h.createQuery(sql.toString());
            if (!onlyTriage && dept != null) {
                q.bind("dept", dept);
            }
            List<InboxRow> rows = new ArrayList<>();
            for (MessageRow m : q.map((rs, ctx) -> MessageRow.of(rs)).list()) {
                InboxRow row = row(h, m);
                if (!overdueOnly || row.overdue()) {
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    public Detail detail(StaffService.Account who, String ticket) {
        return db.inTransaction(h -> detail(h, readable(h, who, ticket)));
    }

    /**
     * The call-back contact, for the department working on the message (or an admin). The caller audits the read.
     *
     * @throws ClientException 404 {@code no_contact} when none was given, it was erased or the message withdrawn
     */
    public Contact contact(StaffService.Account who, String ticket) {
        return db.inTransaction(h -> {
            MessageRow m = workable(h, who, ticket);
            if (m.withdrawnAt() != null) {
                throw new ClientException(404, "no_contact", "留言已撤回，不能再查看或使用联系方式。");
            }
            return h.createQuery("SELECT contact_name, phone FROM message_contacts WHERE message_id = :m").bind("m", m.id())
                    .map((rs, ctx) -> new Contact(m.ticket(), rs.getString(1), rs.getString(2))).findOne()
                    .orElseThrow(() -> new ClientException(404, "no_contact", "留言人没有留下联系方式，或已删除联系方式。"));
        });
    }

    /**
     * Hands a message to another department (from triage, or on from the wrong one), with the reason recorded.
     *
     * @throws ClientException 400 {@code unknown_department}, {@code missing_reason}, {@code reason_too_long};
     *                         409 {@code not_assignable} once a reply is written
     */
    public Detail assign(StaffService.Account who, String ticket, String department, String reason) {
        String dept = department == null ? "" : department.strip();
        if (!departments.contains(dept)) {
            throw ClientException.badRequest("unknown_department", "没有这个实施单位：" + dept + "。");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw ClientException.badRequest("missing_reason", "请填写转办理由。");
        }
        if (why.codePointCount(0, why.length()) > MAX_REASON) {
            throw ClientException.badRequest("reason_too_long", "转办理由不能超过" + MAX_REASON + "个字。");
        }
        return db.inTransaction(h -> {
            MessageRow m = workable(h, who, ticket);
            if (!MessageRow.TRIAGE.equals(m.status()) && !MessageRow.ASSIGNED.equals(m.status())) {
                throw new ClientException(409, "not_assignable", "这条留言已答复、待审核或已撤回，不能转办。");
            }
            long now = clock.millis();
            h.createUpdate("UPDATE messages SET department = :d, status = :s WHERE id = :id")
                    .bind("d", dept).bind("s", MessageRow.ASSIGNED).bind("id", m.id()).execute();
            MessageRow.event(h, m.id(), now, who.username(), "reassigned",
                    (m.department() == null ? TRIAGE_LABEL : m.department()) + " → " + dept + "：" + why);
            return detail(h, MessageRow.byTicket(h, ticket).orElseThrow());
        });
    }

    /**
     * Writes the reply with its legal basis. Where the department requires approval it waits for a reviewer;
     * otherwise it is published at once and the contact (if any) notified.
     *
     * @throws ClientException 400 {@code missing_reply}, {@code reply_too_long}, {@code missing_legal_basis};
     *                         409 {@code not_assigned} (still in triage), {@code not_replyable}
     */
    public Detail reply(StaffService.Account who, String ticket, String text, List<MessageView.Basis> basis) {
        String reply = text == null ? "" : text.strip();
        if (reply.isEmpty()) {
            throw ClientException.badRequest("missing_reply", "请填写答复内容。");
        }
        if (reply.codePointCount(0, reply.length()) > MAX_REPLY) {
            throw ClientException.badRequest("reply_too_long", "答复不能超过" + MAX_REPLY + "个字。");
        }
        if (basis == null || basis.isEmpty() || basis.stream().anyMatch(b -> b.law().isBlank())) {
            throw ClientException.badRequest("missing_legal_basis", "请填写答复的法律依据（法律法规名称，条款可选）。");
        }
        boolean[] published = {false};
        Detail d = db.inTransaction(h -> {
            MessageRow m = workable(h, who, ticket);
            if (MessageRow.TRIAGE.equals(m.status())) {
                throw new ClientException(409, "not_assigned", "请先把留言分派给承办部门。");
            }
            if (!MessageRow.ASSIGNED.equals(m.status())) {
                throw new ClientException(409, "not_replyable", "这条留言已答复、待审核或已撤回。");
            }
            long now = clock.millis();
            boolean approval = requiresApproval(h, m.department());
            h.createUpdate("UPDATE messages SET reply_text = :t, reply_basis = :b, reply_by = :by, reply_department = :d, "
                            + "reply_written_at = :at, return_comment = NULL, status = :s, replied_at = :replied WHERE id = :id")
                    .bind("t", reply).bind("b", MessageService.json(basis.stream().map(b -> basisMap(b)).toList()))
                    .bind("by", who.username()).bind("d", m.department()).bind("at", now)
                    .bind("s", approval ? MessageRow.PENDING_APPROVAL : MessageRow.REPLIED)
                    .bind("replied", approval ? null : (Long) now).bind("id", m.id()).execute();
            MessageRow.event(h, m.id(), now, who.username(), approval ? "reply-submitted" : "replied", null);
            if (!approval) {
                MessageNotifier.schedule(h, m, now);
                published[0] = true;
            }
            return detail(h, MessageRow.byTicket(h, ticket).orElseThrow());
        });
        return published[0] ? afterPublishing(d) : d;
    }

    /** Sends again the reply notices that are due (see {@link MessageNotifier#retryDue}); for the periodic run. */
    public void retryNotices() {
        notifier.retryDue();
    }

    /**
     * A reviewer approves a reply waiting for approval: it is published and the contact (if any) notified once.
     *
     * @throws ClientException 403 {@code own_reply}; 409 {@code not_pending}
     */
    public Detail approve(StaffService.Account who, String ticket) {
        Detail d = db.inTransaction(h -> {
            MessageRow m = readable(h, who, ticket);
            if (!MessageRow.PENDING_APPROVAL.equals(m.status())) {
                throw new ClientException(409, "not_pending", "这条留言没有待审核的答复。");
            }
            if (who.username().equals(m.replyBy())) {
                throw new ClientException(403, "own_reply", "不能审核自己撰写的答复。");
            }
            long now = clock.millis();
            h.createUpdate("UPDATE messages SET status = :s, approved_by = :by, replied_at = :at WHERE id = :id")
                    .bind("s", MessageRow.REPLIED).bind("by", who.username()).bind("at", now).bind("id", m.id()).execute();
            MessageRow.event(h, m.id(), now, who.username(), "approved", null);
            MessageNotifier.schedule(h, m, now);
            return detail(h, MessageRow.byTicket(h, ticket).orElseThrow());
        });
        return afterPublishing(d);
    }

    /** A reviewer sends a reply back to its department with a comment. @throws ClientException 409 {@code not_pending} */
    public Detail returnReply(StaffService.Account who, String ticket, String comment) {
        String c = comment == null ? "" : comment.strip();
        if (c.isEmpty()) {
            throw ClientException.badRequest("missing_comment", "请写明退回修改的意见。");
        }
        return db.inTransaction(h -> {
            MessageRow m = readable(h, who, ticket);
            if (!MessageRow.PENDING_APPROVAL.equals(m.status())) {
                throw new ClientException(409, "not_pending", "这条留言没有待审核的答复。");
            }
            long now = clock.millis();
            h.createUpdate("UPDATE messages SET status = :s, return_comment = :c WHERE id = :id")
                    .bind("s", MessageRow.ASSIGNED).bind("c", c).bind("id", m.id()).execute();
            MessageRow.event(h, m.id(), now, who.username(), "returned", c);
            return detail(h, MessageRow.byTicket(h, ticket).orElseThrow());
        });
    }

    /** Sends (again) a notice that is due or failed; for staff after a channel failure. */
    public Detail notifyAgain(StaffService.Account who, String ticket) {
        db.inTransaction(h -> readable(h, who, ticket));
        notifier.deliver(ticket);
        return detail(who, ticket);
    }

    /**
     * Turns a published reply into a knowledge-base draft (the question, masked, as phrasing; the reply as answer; its
     * legal basis), which then goes through the normal review. Once per message.
     *
     * @throws ClientException 409 {@code not_replied}, {@code draft_exists}
     */
    public Map<String, String> draft(StaffService.Account who, String ticket) {
        MessageRow m = db.inTransaction(h -> workable(h, who, ticket));
        if (!MessageRow.REPLIED.equals(m.status()) && m.repliedAt() == null) {
            throw new ClientException(409, "not_replied", "答复发布后才能转为知识库草稿。");
        }
        if (m.draftEntryId() != null) {
            throw new ClientException(409, "draft_exists", "这条留言已经转为草稿：" + m.draftEntryId() + "。");
        }
        String entryId = drafts.draft(who, PersonalData.mask(m.question()), m.replyText(), m.replyDepartment(),
                MessageService.basis(m.replyBasis()));
        db.inTransaction(h -> {
            h.createUpdate("UPDATE messages SET draft_entry_id = :e WHERE id = :id").bind("e", entryId).bind("id", m.id()).execute();
            MessageRow.event(h, m.id(), clock.millis(), who.username(), "drafted", entryId);
            return null;
        });
        return Map.of("ticket", ticket, "entryId", entryId);
    }

    /** Every department with whether its replies need approval (default yes). */
    public List<Setting> settings() {
        return db.inTransaction(h -> departments.stream().sorted().map(d -> new Setting(d, requiresApproval(h, d))).toList());
    }

    /** Turns approval on or off for one department (admins). @throws ClientException 400 {@code unknown_department} */
    public Setting setApproval(StaffService.Account who, String department, boolean required) {
        if (department == null || !departments.contains(department.strip())) {
            throw ClientException.badRequest("unknown_department", "没有这个实施单位：" + department + "。");
        }
        String d = department.strip();
        db.inTransaction(h -> h.createUpdate("INSERT INTO message_department_settings (department, requires_approval, updated_by, updated_at) "
                        + "VALUES (:d, :r, :by, :at) ON CONFLICT (department) DO UPDATE SET requires_approval = excluded.requires_approval, "
                        + "updated_by = excluded.updated_by, updated_at = excluded.updated_at")
                .bind("d", d).bind("r", required ? 1 : 0).bind("by", who.username()).bind("at", clock.millis()).execute());
        return new Setting(d, required);
    }

    private Detail afterPublishing(Detail d) {
        Optional<String> sent = notifier.deliver(d.summary().ticket());
        return sent.isEmpty() ? d : new Detail(d.summary(), d.question(), d.routedBy(), d.candidates(), d.replyText(), d.legalBasis(),
                d.replyBy(), d.returnComment(), d.approvedBy(), d.requiresApproval(), sent.get(), d.ratingReason(), d.events());
    }

    static boolean requiresApproval(Handle h, String department) {
        if (department == null) {
            return true;
        }
        return h.createQuery("SELECT requires_approval FROM message_department_settings WHERE department = :d").bind("d", department)
                .mapTo(Integer.class).findOne().map(v -> v != 0).orElse(true);
    }

    private static Map<String, String> basisMap(MessageView.Basis b) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("law", b.law());
        if (b.article() != null) {
            m.put("article", b.article());
        }
        return m;
    }

    /** Any staff member may read a message, except an editor of another department. */
    private static MessageRow readable(Handle h, StaffService.Account who, String ticket) {
        MessageRow m = (Tickets.wellFormed(ticket) ? MessageRow.byTicket(h, ticket) : Optional.<MessageRow>empty())
                .orElseThrow(() -> new ClientException(404, "message_not_found", "没有找到这条留言。"));
        if (who.role() == Role.EDITOR && (who.department() == null || !who.department().equals(m.department()))) {
            throw new ClientException(403, "other_department", "这条留言不属于您所在的单位。");
        }
        return m;
    }

    /** Working on a message (contact, reassign, reply, draft): its department's editors and admins. */
    private static MessageRow workable(Handle h, StaffService.Account who, String ticket) {
        MessageRow m = readable(h, who, ticket);
        if (who.role() == Role.REVIEWER) {
            throw new ClientException(403, "forbidden", "您的账号没有权限进行此操作。");
        }
        return m;
    }

    private InboxRow row(Handle h, MessageRow m) {
        boolean open = !MessageRow.REPLIED.equals(m.status()) && !MessageRow.WITHDRAWN.equals(m.status());
        LocalDate today = BeijingTime.day(clock.millis());
        boolean overdue = open && today.isAfter(LocalDate.parse(m.dueDate()));
        String masked = PersonalData.mask(m.question());
        String label = switch (m.status()) {
            case MessageRow.TRIAGE -> TRIAGE_LABEL;
            case MessageRow.ASSIGNED -> m.returnComment() != null ? "退回修改" : "待答复";
            case MessageRow.PENDING_APPROVAL -> "待审核";
            case MessageRow.REPLIED -> "已答复";
            default -> "已撤回";
        };
        return new InboxRow(m.ticket(), m.status(), label, m.department(),
                masked.length() > 120 ? masked.substring(0, 120) + "…" : masked, m.topic(), m.companyName(),
                BeijingTime.iso(m.receivedAt()), BeijingTime.text(m.receivedAt()), m.dueDate(), BeijingTime.date(m.dueDate()), overdue,
                m.withdrawnAt() == null && MessageRow.hasContact(h, m.id()), m.rating(), m.draftEntryId());
    }

    private Detail detail(Handle h, MessageRow m) {
        List<Event> events = h.createQuery("SELECT at, actor, event, detail FROM message_events WHERE message_id = :m ORDER BY id")
                .bind("m", m.id()).map((rs, ctx) -> new Event(BeijingTime.iso(rs.getLong(1)), BeijingTime.text(rs.getLong(1)),
                        rs.getString(2), rs.getString(3), rs.getString(4))).list();
        List<String> candidates = new ArrayList<>();
        try {
            MessageService.JSON.readTree(m.candidates()).forEach(c -> candidates.add(c.asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored candidates are JSON", e);
        }
        return new Detail(row(h, m), PersonalData.mask(m.question()), m.routedBy(), candidates, m.replyText(),
                MessageService.basis(m.replyBasis()), m.replyBy(), m.returnComment(), m.approvedBy(),
                requiresApproval(h, m.department()), MessageNotifier.status(h, m.id()).orElse(null),
                m.ratingReason(), events);
    }
}
