package gov.dadukou.guidance.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.ShippedAssistant;
import gov.dadukou.guidance.search.Retriever;
import gov.dadukou.guidance.search.SearchResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Skipping the index and the dense model for a question refused on its reading (issue #18) changes no
 * decision: on the project's eval questions and on texts built to be refused, the gated search decides
 * exactly as the full one, and returns the very same result whenever it does not refuse.
 */
class RefusedOnReadingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    private static final AnswerPolicy POLICY = AnswerPolicy.defaults();
    private static List<String> questions;

    @BeforeAll
    static void readQuestions() throws IOException {
        questions = new ArrayList<>();
        for (String file : List.of("eval/questions.jsonl", "eval/colloquial.jsonl", "eval/topics.jsonl")) {
            for (String line : Files.readAllLines(Path.of(file))) {
                JsonNode item = line.isBlank() ? null : JSON.readTree(line);
                if (item != null && item.has("q")) {
                    questions.add(item.get("q").asText());
                }
            }
        }
        // Built to be refused on their reading: no content word, not Chinese, words the base does not know.
        questions.addAll(List.of("？？？", "的了吗", "How do I renew my business licence?", "asdkjh qwe",
                "😀😀😀", "12345", "我家猫昨晚打翻了鱼缸心情很差", "量子纠缠的哲学意义是什么", "吗吗吗吗"));
    }

    private static int assertSameDecisions(String context) {
        Retriever retriever = shipped.get().retriever();
        int skipped = 0;
        for (String q : questions) {
            SearchResult full = retriever.search(q, context);
            SearchResult gated = retriever.search(q, context, AnswerPolicy::refusedOnReading);
            assertEquals(POLICY.decide(full), POLICY.decide(gated), q);
            if (gated.hits().isEmpty() && !full.hits().isEmpty()) {
                skipped++;
                assertTrue(AnswerPolicy.refusedOnReading(full), q);
                assertEquals(new AnswerPolicy.Decision(AnswerPolicy.Outcome.NONE, 0), POLICY.decide(full), q);
            } else {
                assertEquals(full, gated, q);
            }
        }
        return skipped;
    }

    @Test
    void theGatedSearchDecidesEveryQuestionAsTheFullSearch() {
        int skipped = assertSameDecisions(null);
        assertTrue(skipped >= 5, "questions that skipped the model: " + skipped);
    }

    @Test
    void theGatedSearchDecidesEveryFollowUpAsTheFullSearch() {
        assertSameDecisions("营业执照要挂在店里吗");
    }

    @Test
    void aQuestionRefusedOnItsReadingGetsTheHonestNoneWithNothingOffered() {
        ChatReply reply = shipped.get().chat().ask("How do I renew my business licence?", null);
        assertEquals(AnswerPolicy.Outcome.NONE.json(), reply.outcome());
        assertTrue(reply.suggestions().isEmpty());
        assertEquals(0, reply.confidence());
    }
}
