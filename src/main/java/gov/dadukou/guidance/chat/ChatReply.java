package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.check.CheckOffer;

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
 * @param questionId  the question's reference in the staff question log, sent back with feedback so staff
 *                    see which question an answer did not help; null for greetings
 * @param check       the no-penalty check the answer's entry offers ("看看我的情况"), or null
 */
public record ChatReply(String answer, boolean matched, String outcome, List<Source> sources, List<String> suggestions,
                        String sessionId, double confidence, String questionId, CheckOffer check) {
    public ChatReply {
        sources = List.copyOf(sources);
        suggestions = List.copyOf(suggestions);
    }

    /** A reply not (yet) logged that offers no check. */
    public ChatReply(String answer, boolean matched, String outcome, List<Source> sources, List<String> suggestions,
                     String sessionId, double confidence) {
        this(answer, matched, outcome, sources, suggestions, sessionId, confidence, null, null);
    }

    /** A reply not (yet) logged, offering the given check (or none). */
    public ChatReply(String answer, boolean matched, String outcome, List<Source> sources, List<String> suggestions,
                     String sessionId, double confidence, CheckOffer check) {
        this(answer, matched, outcome, sources, suggestions, sessionId, confidence, null, check);
    }

    /** This reply with the question log's reference of its question; the check offer stays. */
    public ChatReply withQuestionId(String id) {
        return new ChatReply(answer, matched, outcome, sources, suggestions, sessionId, confidence, id, check);
    }
}
