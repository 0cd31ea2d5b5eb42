package gov.dadukou.guidance.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How reminders reach a business that consented, as the notice tells it ({@code REMINDER_CHANNEL}). The
 * operator chooses it, but only among what the software really does: with no webhook nothing is sent to
 * anyone ({@link #NONE}); with a webhook each reminder goes to the operator's message system for the
 * contact's verified phone, either described as such ({@link #PHONE}) or, when the operator's system is an
 * SMS gateway, as a text message ({@link #SMS}). How often is fixed by the delivery outbox: once per
 * reminder and season, only on the topics chosen ({@link #FREQUENCY}). Immutable.
 */
public enum ReminderChannel {
    /** No webhook: reminders are only shown in the widget and the public calendar. */
    NONE("none", false, "目前不通过短信等方式主动向您发送提醒：在事项办理期内，提醒显示在本助手的“近期提示”中，"
            + "也可以订阅公开的提醒日历（本站 /api/reminders.ics）。运营单位开通发送后，将更新本告知书，"
            + "并只向已验证的手机号码发送。"),
    /** A webhook to the operator's message system, which reaches the contact's phone. */
    PHONE("phone", true, "由运营单位的消息系统发送到您填写并经短信验证码验证的手机号码；未经验证的号码不发送。"),
    /** A webhook to the operator's SMS gateway. */
    SMS("sms", true, "以短信发送到您填写并经短信验证码验证的手机号码；未经验证的号码不发送。");

    /** How often: what the delivery outbox does (one row per consent, reminder and season). */
    public static final String FREQUENCY = "只发送您所选主题的提醒；每项提醒在其办理期（如年报期、节假日前）到来时发送一次，"
            + "同一项提醒每年最多一次，不做其他推送。";

    private final String code;
    private final boolean sends;
    private final String sentence;

    ReminderChannel(String code, boolean sends, String sentence) {
        this.code = code;
        this.sends = sends;
        this.sentence = sentence;
    }

    /** The value of {@code REMINDER_CHANNEL}. */
    public String code() {
        return code;
    }

    /** Whether reminders are sent to contacts at all (a webhook is needed). */
    public boolean sends() {
        return sends;
    }

    /** The notice's sentence on how reminders arrive. */
    public String sentence() {
        return sentence;
    }

    /** The channel of a {@code REMINDER_CHANNEL} value (case-insensitive), or empty when there is none. */
    public static Optional<ReminderChannel> parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.code.equals(v)).findFirst();
    }

    /** What is true when the operator says nothing: a webhook reaches phones, no webhook sends nothing. */
    public static ReminderChannel defaultFor(boolean webhook) {
        return webhook ? PHONE : NONE;
    }
}
