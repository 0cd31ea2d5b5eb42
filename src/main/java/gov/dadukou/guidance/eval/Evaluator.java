package gov.dadukou.guidance.eval;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.chat.ChatReply;
import gov.dadukou.guidance.chat.ChatService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs labelled questions (the format of shared/eval/README.md: {@code q} + {@code expect} patterns or
 * {@code "none"}, or a {@code session} of turns) through the chat service, the same path as
 * {@code POST /api/chat}, and scores them. Stateless apart from the service it drives.
 */
public final class Evaluator {
    private final ChatService chat;
    private final Function<String, Optional<String>> firstPhrasing;

    /**
     * @param firstPhrasing an entry's first phrasing by id: what a did-you-mean reply offers for it
     */
    public Evaluator(ChatService chat, Function<String, Optional<String>> firstPhrasing) {
        this.chat = chat;
        this.firstPhrasing = firstPhrasing;
    }

    /** A malformed line of a question file; names the file and line. */
    public static final class EvalFileException extends RuntimeException {
        public EvalFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public EvalReport run(List<Path> files) {
        return runFiles(files.stream().map(QuestionFile::of).toList());
    }

    public EvalReport runFiles(List<QuestionFile> files) {
        Tally t = new Tally();
        for (QuestionFile file : files) {
            for (QuestionFile.Line line : file.lines()) {
                JsonNode item = line.item();
                String session = "eval-" + UUID.randomUUID();
                String labelled = item.path("entry").asText(null);
                if (item.has("session")) {
                    for (JsonNode turn : item.get("session")) {
                        score(t, file.label(), line.number(), turn, session, null);
                    }
                } else {
                    score(t, file.label(), line.number(), item, session, labelled);
                }
            }
        }
        return new EvalReport(t.inScope, t.inScopePassed, t.confidentWrong, t.outOfScope, t.rejected, t.labelled,
                t.answeredOrOffered, t.misses);
    }

    private void score(Tally t, String file, int line, JsonNode turn, String session, String labelled) {
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
                t.misses.add(new EvalReport.Miss(file, line, q, "none", true, entry, start));
            }
            return;
        }
        t.inScope++;
        boolean countsOffers = labelled != null && !"none".equals(labelled);
        if (countsOffers) {
            t.labelled++;
        }
        List<String> missing = new ArrayList<>();
        for (JsonNode p : expect) {
            if (!Pattern.compile(p.asText()).matcher(reply.answer()).find()) {
                missing.add(p.asText());
            }
        }
        if (reply.matched() && missing.isEmpty()) {
            t.inScopePassed++;
            if (countsOffers) {
                t.answeredOrOffered++;
            }
            return;
        }
        if (countsOffers && !reply.matched() && firstPhrasing.apply(labelled).map(reply.suggestions()::contains).orElse(false)) {
            t.answeredOrOffered++;
        }
        if (reply.matched()) {
            t.confidentWrong++;
        }
        t.misses.add(new EvalReport.Miss(file, line, q, String.join(" & ", missing.isEmpty()
                ? List.of(expect.toString()) : missing), reply.matched(), entry, start));
    }

    private static final class Tally {
        int inScope;
        int inScopePassed;
        int confidentWrong;
        int outOfScope;
        int rejected;
        int labelled;
        int answeredOrOffered;
        final List<EvalReport.Miss> misses = new ArrayList<>();
    }
}
