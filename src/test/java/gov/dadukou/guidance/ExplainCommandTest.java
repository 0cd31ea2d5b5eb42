package gov.dadukou.guidance;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar … explain QUESTION}: the candidates of a question and what the answer decision saw, for tuning. */
class ExplainCommandTest {
    @Test
    void explainPrintsTheReadQuestionThenAtMostFiveCandidatesBestFirstWithTheirConfidence() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Commands.run(new String[] {"explain", "年報什麼時候報"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();

        assertEquals(0, exit);
        assertTrue(lines.get(0).startsWith("Q: 年報什麼時候報  -> 年报什么时候报  words=["), "traditional characters read as simplified: " + lines.get(0));
        List<String> candidates = lines.subList(1, lines.size());
        assertTrue(candidates.size() >= 2 && candidates.size() <= 5, "up to five candidates: " + candidates);
        assertTrue(candidates.get(0).contains("nianbao"), "an annual-report entry first: " + candidates.get(0));
        for (String c : candidates) {
            assertTrue(c.matches("  \\S+ +score=\\d+\\.\\d\\d .* conf=[01]\\.\\d\\d  \\[.+\\] dense=[-0-9.]+"), c);
        }
    }
}
