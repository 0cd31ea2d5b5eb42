package gov.dadukou.guidance.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.chat.ChatReply;
import gov.dadukou.guidance.chat.ChatService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Runs labelled questions (the format of shared/eval/README.md: {@code q} + {@code expect} patterns or
 * {@code "none"}, or a {@code session} of turns) through the chat service, the same path as
 * {@code POST /api/chat}, and scores them. Stateless apart from the service it drives.
 */
public final class Evaluator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChatService chat;

    public Evaluator(ChatService chat) {
        this.chat = chat;
    }

    /** A malformed line of a question file; names the file and line. */
    public static final class EvalFileException extends RuntimeException {
        public EvalFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public EvalReport run(List<Path> files) {
        Tally t = new Tally();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("//")) {
                    continue;
                }
                JsonNode item;
                try {
                    item = JSON.readTree(line);
                } catch (IOException e) {
                    throw new EvalFileException(file + ":" + (i + 1) + " is not JSON", e);
                }
                String session = "eval-" + UUID.randomUUID();
                if (item.has("session")) {
                    for (JsonNode turn : item.get("session")) {
                        score(t, file, i + 1, turn, session);
                    }
                } else {
                    score(t, file, i + 1, item, session);
                }
            }
        }
        return new EvalReport(t.inScope, t.inScopePassed, t.confidentWrong, t.outOfScope, t.rejected, t.misses);
    }

    private void score(Tally t, Path file, int line, JsonNode turn, String session) {
        String q = turn.path("q").asText();
        ChatReply reply = chat.ask(q, session);
        JsonNode expect = turn.get("expect");
        if (expect == null) {
            return; // context-only turn
        }
        String entry = reply.sources().isEmpty() ? null : reply.sources().get(0).id();
        String start = reply.answer().substring(0, Math.min(60, reply.answer().length())).replace('\n', ' ');
        if (expect.isTextual() && "none".equals(expect.asText())) {
            t.outOfScope++;
            if (!reply.matched()) {
                t.rejected++;
            } else {
                t.misses.add(new EvalReport.Miss(file.getFileName().toString(), line, q, "none", true, entry, start));
            }
            return;
        }
        t.inScope++;
        List<String> missing = new ArrayList<>();
        for (JsonNode p : expect) {
            if (!Pattern.compile(p.asText()).matcher(reply.answer()).find()) {
                missing.add(p.asText());
            }
        }
        if (reply.matched() && missing.isEmpty()) {
            t.inScopePassed++;
            return;
        }
        if (reply.matched()) {
            t.confidentWrong++;
        }
        t.misses.add(new EvalReport.Miss(file.getFileName().toString(), line, q, String.join(" & ", missing.isEmpty()
                ? List.of(expect.toString()) : missing), reply.matched(), entry, start));
    }

    private static final class Tally {
        int inScope;
        int inScopePassed;
        int confidentWrong;
        int outOfScope;
        int rejected;
        final List<EvalReport.Miss> misses = new ArrayList<>();
    }
}
