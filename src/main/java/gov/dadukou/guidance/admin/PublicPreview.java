package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.chat.AnswerComposer;
import gov.dadukou.guidance.chat.ChatReply;
import gov.dadukou.guidance.chat.ChatService;
import gov.dadukou.guidance.chat.Source;
import gov.dadukou.guidance.check.CheckOffer;
import gov.dadukou.guidance.knowledge.Entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A version of an entry as the public will read it: the reply {@code POST /api/chat} gives when the entry
 * answers, composed by the same {@link AnswerComposer} (answer, 法律依据, 实施单位 with its contact, the
 * note that guidance is not binding) with the same source line, the same offer of the no-penalty check,
 * and, for an overview, its steps offered as next questions exactly as the chat offers them. The reviewer
 * approves this text, not the raw fields. Stateless.
 */
public final class PublicPreview {
    private PublicPreview() {
    }

    /**
     * What the reviewer sees.
     *
     * @param reply            the public reply
     * @param unpublishedSteps an overview's steps that are not published now: the public reply leaves them
     *                         out without a word, so the reviewer is told
     */
    public record Preview(ChatReply reply, List<String> unpublishedSteps) {
        public Preview {
            unpublishedSteps = List.copyOf(unpublishedSteps);
        }
    }

    /**
     * @param departmentContact the department's public contact as the chat adds it, or null
     * @param published         the entry the public is served under an id now, if any
     */
    public static Preview of(Entry entry, String departmentContact, Function<String, Optional<Entry>> published) {
        List<String> steps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : entry.related()) {
            published.apply(id).ifPresentOrElse(step -> steps.add(ChatService.offer(step)), () -> missing.add(id));
        }
        ChatReply reply = new ChatReply(AnswerComposer.answer(entry, departmentContact), true, "answer",
                List.of(Source.of(entry)), steps, null, 1.0, CheckOffer.of(entry));
        return new Preview(reply, missing);
    }
}
