package gov.dadukou.guidance;

import gov.dadukou.guidance.eval.EvalReport;
import gov.dadukou.guidance.eval.Evaluator;
import gov.dadukou.guidance.eval.PolicyFitter;
import gov.dadukou.guidance.knowledge.KnowledgeBaseException;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.knowledge.KnowledgeBaseStats;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The jar's command-line tools, besides serving: {@code eval FILE...} scores question files. Returns an
 * exit code; never calls {@code System.exit} itself.
 */
final class Commands {
    private Commands() {
    }

    static int run(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            return switch (args[0]) {
                case "eval" -> eval(Arrays.asList(args).subList(1, args.length), out);
                case "explain" -> explain(Arrays.asList(args).subList(1, args.length), out);
                case "kb-stats" -> {
                    AppConfig config = AppConfig.fromEnv(System.getenv());
                    out.print(KnowledgeBaseStats.markdown(KnowledgeBaseLoader.load(config.kbDir())));
                    yield 0;
                }
                default -> {
                    out.println("用法 usage: java -jar guidance-assistant.jar [eval FILE... | explain QUESTION... | kb-stats]");
                    yield 64;
                }
            };
        } catch (AppConfig.ConfigException | KnowledgeBaseException e) {
            System.err.println("失败 / failed: " + e.getMessage());
            return 2;
        }
    }

    /** Prints the candidates and decision features for each question: for tuning and for staff. */
    private static int explain(List<String> questions, PrintStream out) {
        AppConfig config = AppConfig.fromEnv(System.getenv());
        try (Assistant assistant = Assistant.start(config, Clock.systemUTC())) {
            for (String q : questions) {
                out.println(assistant.explain(q));
            }
        }
        return 0;
    }

    private static int eval(List<String> files, PrintStream out) {
        if (files.isEmpty()) {
            out.println("usage: eval FILE.jsonl [FILE.jsonl ...]");
            return 64;
        }
        boolean fit = files.contains("--fit");
        List<Path> paths = files.stream().filter(f -> !f.equals("--fit")).map(Path::of).toList();
        for (Path p : paths) {
            if (!Files.isRegularFile(p)) {
                System.err.println("no such file: " + p);
                return 66;
            }
        }
        AppConfig config = AppConfig.fromEnv(System.getenv());
        try (Assistant assistant = Assistant.start(config, Clock.systemUTC())) {
            if (fit) {
                new PolicyFitter(assistant.retriever(), assistant.entries()).fit(paths, out);
                return 0;
            }
            EvalReport report = new Evaluator(assistant.chat()).run(paths);
            for (EvalReport.Miss m : report.misses()) {
                out.printf("MISS %s:%d %s%n     expected %s; got matched=%s entry=%s: %s%n", m.file(), m.line(), m.question(),
                        m.expected(), m.matched(), m.entryId(), m.answerStart());
            }
            out.println(report.summary());
        }
        return 0;
    }
}
