package gov.dadukou.guidance.consent;

import java.util.List;

/**
 * The consent notice (告知书) as shown to a business: its version, the SHA-256 of its text, the text
 * itself and the same facts as fields. Immutable.
 */
public record ConsentNotice(int version, String sha256, String text, String controller, String contact,
                            String purpose, List<String> collected, String retention, List<String> rights,
                            List<String> topics) {
    public ConsentNotice {
        collected = List.copyOf(collected);
        rights = List.copyOf(rights);
        topics = List.copyOf(topics);
    }

    static final String PURPOSE = "向您推送您所选主题的行政指导信息和执法事项提示（如年报、消防、食品安全等季节性提醒）。";
    static final List<String> COLLECTED = List.of("企业（个体工商户）名称", "统一社会信用代码", "联系人姓名", "手机号码", "您选择的主题");
    static final List<String> RIGHTS = List.of(
            "是否同意完全自愿：不同意、或同意后撤回，都不影响您使用本助手，也不影响任何行政执法事项的办理，不会因此受到不利对待。",
            "您可以随时凭回执编号和撤回凭证一步撤回同意，撤回立即生效，此后不再向您推送。",
            "您可以凭回执编号和撤回凭证查阅本人的同意记录及其变更历史。",
            "您可以要求删除联系人姓名和手机号码；删除后，同意与撤回的记录（不含联系人信息）留存备查。",
            "您的信息仅用于上述目的，不用于其他用途，不向第三方提供。");

    /** The full text whose SHA-256 identifies the version; any change to it makes a new version. */
    static String compose(String controller, String contact, String retention, List<String> topics) {
        StringBuilder sb = new StringBuilder("接收行政指导和执法事项提示告知书\n\n");
        sb.append("一、个人信息处理者：").append(controller).append("；联系方式：").append(contact).append("。\n");
        sb.append("二、处理目的：").append(PURPOSE).append('\n');
        sb.append("三、收集的信息：").append(String.join("、", COLLECTED)).append("。\n");
        sb.append("四、可选主题：").append(String.join("、", topics)).append("。\n");
        sb.append("五、保存期限：").append(retention).append('\n');
        sb.append("六、您的权利：\n");
        for (int i = 0; i < RIGHTS.size(); i++) {
            sb.append("  ").append(i + 1).append(". ").append(RIGHTS.get(i)).append('\n');
        }
        sb.append("七、接受行政指导是自愿的。行政指导不具有强制力。\n");
        return sb.toString();
    }
}
