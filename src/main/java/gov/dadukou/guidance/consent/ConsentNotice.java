package gov.dadukou.guidance.consent;

import java.util.List;

/**
 * The consent notice (告知书) as shown to a business: its version, the SHA-256 of its text, the text
 * itself and the same facts as fields, among them how reminders arrive ({@code channel}, the operator's
 * {@link ReminderChannel}) and how often ({@code frequency}). Immutable.
 */
public record ConsentNotice(int version, String sha256, String text, String controller, String contact,
                            String purpose, List<String> collected, String retention, List<String> rights,
                            List<String> topics, String channel, String frequency) {
    public ConsentNotice {
        collected = List.copyOf(collected);
        rights = List.copyOf(rights);
        topics = List.copyOf(topics);
    }

    static final String PURPOSE = "向您推送您所选主题的行政指导信息和执法事项提示（如年报、消防、食品安全等季节性提醒）。";
    static final List<String> COLLECTED = List.of("企业（个体工商户）名称", "统一社会信用代码", "联系人姓名", "手机号码", "您选择的主题",
            "短信验证码（选填，仅用于证明手机号码由您本人使用，10分钟内有效，只保存其摘要）");
    static final List<String> RIGHTS = List.of(
            "是否同意完全自愿：不同意、或同意后撤回，都不影响您使用本助手，也不影响任何行政执法事项的办理，不会因此受到不利对待。",
            "您可以随时凭回执中的链接（含回执编号和撤回凭证）一步撤回同意，撤回立即生效，此后不再向您推送。",
            "您可以凭回执中的链接查阅本人的同意记录及其变更历史；拨打12345咨询时报回执码即可。",
            "您可以凭回执中的链接一步删除联系人姓名和手机号码；删除后，同意与撤回的记录（不含联系人信息）留存备查。",
            "每一份同意只属于提交它的联系人（统一社会信用代码加手机号码）：同一企业的其他人提交同意，不会终止或替换您的同意；"
                    + "您只能凭本人的回执撤回本人的同意，他人也不能撤回您的同意。",
            "填写手机号码时，可以获取短信验证码证明该号码由您本人使用。未经验证的同意照样记录并标明“未验证”，"
                    + "但不会通过短信等方式向该号码发送提醒；凭验证码重新提交，才会取代您本人此前的同意。",
            "您的信息仅用于上述目的，不用于其他用途，不向第三方提供。");

    /** The receipt's {@code scope}: whose consent this is, when the phone was proved with a code. */
    static final String SCOPE_VERIFIED = "本同意只属于您本人（本企业的这位联系人及其手机号码），手机号码已通过短信验证码验证。"
            + "同一企业的其他人提交同意，不会终止您的同意；本回执只能撤回您本人的这份同意。";
    /** The receipt's {@code scope} when no valid code was given. */
    static final String SCOPE_UNVERIFIED = "本同意只属于您本人（本企业的这位联系人及其手机号码），手机号码未经短信验证码验证，记录为“未验证”："
            + "不会通过短信等方式向该号码发送提醒。同一企业的其他人提交同意，不会终止您的同意；本回执只能撤回您本人的这份同意。"
            + "如需接收提醒，请获取验证码后重新提交。";

    /** The full text whose SHA-256 identifies the version; any change to it makes a new version. */
    static String compose(String controller, String contact, String retention, List<String> topics, ReminderChannel channel) {
        StringBuilder sb = new StringBuilder("接收行政指导和执法事项提示告知书\n\n");
        sb.append("一、个人信息处理者：").append(controller).append("；联系方式：").append(contact).append("。\n");
        sb.append("二、处理目的：").append(PURPOSE).append('\n');
        sb.append("三、发送方式：").append(channel.sentence()).append('\n');
        sb.append("四、发送频率：").append(ReminderChannel.FREQUENCY).append('\n');
        sb.append("五、收集的信息：").append(String.join("、", COLLECTED)).append("。\n");
        sb.append("六、可选主题：").append(String.join("、", topics)).append("。\n");
        sb.append("七、保存期限：").append(retention).append('\n');
        sb.append("八、您的权利：\n");
        for (int i = 0; i < RIGHTS.size(); i++) {
            sb.append("  ").append(i + 1).append(". ").append(RIGHTS.get(i)).append('\n');
        }
        sb.append("九、接受行政指导是自愿的。行政指导不具有强制力。\n");
        return sb.toString();
    }
}
