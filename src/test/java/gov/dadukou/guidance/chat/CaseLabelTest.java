package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.knowledge.Kind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An illustrative case says so wherever it is listed, including when it is offered as a next question. */
class CaseLabelTest {
    private final KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));

    @Test
    void everyCaseIsOfferedWithTheIllustrativeLabelAndEveryRuleWithoutIt() {
        int cases = 0;
        for (Entry e : kb.entries()) {
            String offer = ChatService.offer(e);
            if (e.kind() == Kind.TYPICAL_CASE) {
                cases++;
                assertTrue(offer.startsWith(ChatService.CASE_LABEL) && offer.endsWith(e.questions().get(0)), offer);
                assertTrue(e.title().startsWith(ChatService.CASE_LABEL), e.title());
            } else {
                assertEquals(e.questions().get(0), offer);
            }
        }
        assertTrue(cases >= 10, "cases: " + cases);
    }
}
