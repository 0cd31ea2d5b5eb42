package gov.dadukou.guidance.chat;

import java.util.List;

/**
 * What the assistant says to one question. The JSON shape of {@code POST /api/chat}.
 *
 * @param answer      the text shown to the business, self-contained simplified Chinese
 * @param matched     true only when the assistant is confident of the answer
 * @param outcome     {@code answer}, {@code clarify} ("did you mean") or {@code none}
 * @param sources     the entries the answer comes from (empty unless matched)
 * @param suggestions questions the business may ask next, or the candidates of a "did you mean"
 * @param sessionId   echoed or generated
 * @param confidence  the decision's confidence, 0..1
 */
public record ChatReply(String answer, boolean matched, String outcome, List<Source> sources, List<String> suggestions,
                        String sessionId, double confidence) {
    public ChatReply {
        sources = List.copyOf(sources);
        suggestions = List.copyOf(suggestions);
    }
}
