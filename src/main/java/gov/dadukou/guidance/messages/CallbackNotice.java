package gov.dadukou.guidance.messages;

import gov.dadukou.guidance.Hashing;

/**
 * The short, purpose-bound notice a person agrees to when leaving a name and phone for a call-back on a message
 * ({@code GET /api/messages/notice}). Its SHA-256 is stored with the contact, so that what was agreed to is
 * known. Changing the text makes a new version: bump {@link #VERSION}. Immutable.
 */
public record CallbackNotice(int version, String sha256, String text) {
    public static final int VERSION = 1;
    static final String TEXT = "留言回复告知：您填写的联系人姓名和手机号码，只用于承办部门就本条留言回复您（电话或短信），"
            + "不用于其他用途，不向第三方提供，也不会因此向您推送其他信息。只有本条留言的承办部门能看到，每次查看都有记录。"
            + "是否填写完全自愿：不填写也可以留言，凭留言编号和查询链接查看回复。"
            + "您可以随时凭查询链接撤回留言，或删除联系人姓名和手机号码；撤回或删除后不再联系您。";

    public static CallbackNotice current() {
        return new CallbackNotice(VERSION, Hashing.sha256Hex(TEXT), TEXT);
    }
}
