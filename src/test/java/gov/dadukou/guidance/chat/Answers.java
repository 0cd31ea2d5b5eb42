package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.Assistant;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on what the chat answers, shared by the tests that pair questions with the entry that must answer them. */
final class Answers {
    private Answers() {
    }

    /** Each question is answered ({@code matched}) with {@code entry} first among the sources. */
    static void assertAnsweredWith(Assistant assistant, String entry, List<String> questions) {
        questions.forEach(question -> assertAnsweredWith(assistant, Map.of(question, entry)));
    }

    /** Each question is answered ({@code matched}) with its entry first among the sources. */
    static void assertAnsweredWith(Assistant assistant, Map<String, String> entryByQuestion) {
        entryByQuestion.forEach((question, entry) -> {
            ChatReply reply = assistant.chat().ask(question, null);
            assertTrue(reply.matched(), question + " -> " + reply.outcome() + " " + reply.answer());
            assertEquals(entry, reply.sources().get(0).id(), question);
        });
    }
}
