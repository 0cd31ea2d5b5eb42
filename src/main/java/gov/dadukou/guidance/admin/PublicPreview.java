package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.chat.AnswerComposer;
import gov.dadukou.guidance.chat.ChatReply;
import gov.dadukou.guidance.chat.Source;
import gov.dadukou.guidance.knowledge.Entry;

import java.util.List;

/**
 * A version of an entry as the public will read it: the reply {@code POST /api/chat} gives when the entry
 * answers, composed by the same {@link AnswerComposer} (answer, 法律依据, 实施单位 with its contact, the
 * note that guidance is not binding) with the same source line. The reviewer approves this text, not
 * the raw fields. Stateless.
 */
public final class PublicPreview {
    private PublicPreview() {
    }

    /** @param departmentContact the department's public contact as the chat adds it, or null */
    public static ChatReply of(Entry entry, String departmentContact) {
        return new ChatReply(AnswerComposer.answer(entry, departmentContact), true, "answer", List.of(Source.of(entry)), List.of(),
                null, 1.0);
    }
}
