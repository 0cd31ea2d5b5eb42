package gov.dadukou.guidance;

import gov.dadukou.guidance.consent.ConsentCsv;
import gov.dadukou.guidance.consent.ConsentLedger;
import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.consent.ConsentView;
import gov.dadukou.guidance.eval.EvalReport;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.DatabaseLostException;
import gov.dadukou.guidance.store.StorageFaultException;
import gov.dadukou.guidance.eval.Evaluator;
import gov.dadukou.guidance.eval.PolicyFitter;
import gov.dadukou.guidance.eval.QuestionFile;
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
        return run(args, System.getenv(), new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err);
    }

    /**
     * {@link #run(String[])} with the environment and output streams given (tests); {@code env} is read by {@code self-test} and
     * {@code db} (the other commands still read {@link System#getenv()}).
     */
    static int run(String[] args, java.util.Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            return switch (args[0]) {
                case "eval" -> eval(Arrays.asList(args).subList(1, args.length), out);
                case "explain" -> explain(Arrays.asList(args).subList(1, args.length), out);
                case "ledger" -> ledger(Arrays.asList(args).subList(1, args.length), out);
                case "create-admin" -> createAdmin(Arrays.asList(args).subList(1, args.length), out);
                case "export" -> exportEntries(Arrays.asList(args).subList(1, args.length), out);
                case "import" -> importEntries(out);
                case "db" -> DatabaseCommand.run(Arrays.asList(args).subList(1, args.length), env, out, err);
                case "embeddings-resource" -> embeddingsResource(Arrays.asList(args).subList(1, args.length), out);
                case "self-test" -> SelfTest.run(env, out, err);
                case "synth-kb" -> synthKb(Arrays.asList(args).subList(1, args.length), env, out);
                case "kb-stats" -> {
                    AppConfig config = AppConfig.fromEnv(System.getenv());
                    out.print(KnowledgeBaseStats.markdown(KnowledgeBaseLoader.load(config.kbDir())));
                    yield 0;
                }
                default -> {
                    out.println("用法 usage: java -jar guidance-assistant.jar [eval FILE... | explain QUESTION... | kb-stats | self-test | embeddings-resource [--out FILE] | synth-kb --entries N --out DIR [--seed S] | ledger verify | ledger export --out FILE.csv [--unmasked] | create-admin [USERNAME] | export --out DIR | import | " + DatabaseCommand.USAGE + "]");
                    yield 64;
                }
            };
        } catch (AppConfig.ConfigException | KnowledgeBaseException | StorageFaultException | DatabaseLostException e) {
            err.println("失败 / failed: " + e.getMessage());
            return 2;
        }
    }

    /**
     * The configuration for eval and explain: with DATA_DIR set, the live entries of that database; without
     * it, a fresh temporary database seeded from the files in KB_DIR (so that edits to the files count),
     * reusing ./data's embedding cache when there is one.
     */
    private static AppConfig evaluationConfig(TempDirectory dataDir) {
        AppConfig config = AppConfig.fromEnv(System.getenv());
        if (dataDir == null) {
            return config;
        }
        try {
            AppConfig throwAway = config.withDataDir(dataDir.path()).withAdminPassword(null);
            if (Files.isRegularFile(config.embeddingCache())) {
                Files.createDirectories(throwAway.cacheDir());
                Files.copy(config.embeddingCache(), throwAway.embeddingCache());
            }
            return throwAway;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot copy the embedding cache to the temporary data directory", e);
        }
    }

    /** The temporary data directory of {@link #evaluationConfig}, or null when DATA_DIR is set (its database is used). */
    private static TempDirectory evaluationDir() {
        return System.getenv("DATA_DIR") != null ? null : TempDirectory.create("guidance-eval");
    }

    /**
     * {@code embeddings-resource [--out FILE]}: embeds every phrasing of the knowledge base in KB_DIR and
     * writes the resource the jar ships (default: src/main/resources/embeddings/MODEL.bin, run from the
     * repository after the knowledge base changed; then rebuild the jar).
     */
    private static int embeddingsResource(List<String> args, PrintStream out) {
        AppConfig config = AppConfig.fromEnv(System.getenv());
        var model = new gov.dadukou.guidance.search.BgeEmbedder();
        int at = args.indexOf("--out");
        Path file = at >= 0 && at + 1 < args.size() ? Path.of(args.get(at + 1))
                : Path.of("src/main/resources" + gov.dadukou.guidance.search.ShippedEmbeddings.resource(model.name()));
        int count = gov.dadukou.guidance.search.ShippedEmbeddings.generate(model,
                KnowledgeBaseLoader.load(config.kbDir()).entries(), file);
        out.println("wrote " + count + " vectors of " + model.name() + " to " + file);
        return 0;
    }

    /**
     * {@code synth-kb --entries N --out DIR [--seed S]}: a synthetic knowledge base of N entries recombined from the
     * one in KB_DIR, for benchmarks (see {@link gov.dadukou.guidance.knowledge.SyntheticKnowledgeBase}); loaded
     * back with the start-up's validation before it reports success.
     */
    private static int synthKb(List<String> args, java.util.Map<String, String> env, PrintStream out) {
        int entries = args.indexOf("--entries");
        int dir = args.indexOf("--out");
        int seed = args.indexOf("--seed");
        if (entries < 0 || entries + 1 >= args.size() || dir < 0 || dir + 1 >= args.size() || seed + 1 >= args.size()) {
            out.println("usage: synth-kb --entries N --out DIR [--seed S]");
            return 64;
        }
        AppConfig config = AppConfig.fromEnv(env);
        Path target = Path.of(args.get(dir + 1));
        var written = gov.dadukou.guidance.knowledge.SyntheticKnowledgeBase.write(KnowledgeBaseLoader.load(config.kbDir()),
                config.kbDir(), Integer.parseInt(args.get(entries + 1)), seed < 0 ? 18L : Long.parseLong(args.get(seed + 1)), target);
        KnowledgeBase loaded = KnowledgeBaseLoader.load(target);
        out.println("wrote " + written.size() + " synthetic entries to " + target + "; loaded and validated: "
                + loaded.entries().size() + " entries, version " + loaded.version());
        return 0;
    }

    /** Prints the candidates and decision features for each question: for tuning and for staff. */
    private static int explain(List<String> questions, PrintStream out) {
        try (TempDirectory dataDir = evaluationDir();
             Assistant assistant = Assistant.start(evaluationConfig(dataDir), Clock.systemUTC())) {
            for (String q : questions) {
                out.println(gov.dadukou.guidance.eval.Explanation.of(assistant.retriever(), assistant.policy(), q));
            }
        }
        return 0;
    }

    /**
     * {@code create-admin [USERNAME]}: a staff admin, password from {@code ADMIN_PASSWORD} or the first line
     * of standard input (never an argument, so it does not land in shell history).
     */
    private static int createAdmin(List<String> args, PrintStream out) {
        AppConfig config = AppConfig.fromEnv(System.getenv());
        String username = args.isEmpty() ? "admin" : args.get(0);
        String password = config.adminPassword();
        if (password == null) {
            try {
                password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (java.io.IOException e) {
                password = null;
            }
        }
        if (password == null) {
            out.println("give the password in ADMIN_PASSWORD or on standard input");
            return 64;
        }
        try (Database db = Assistant.openDatabase(config)) {
            var staff = new gov.dadukou.guidance.admin.StaffService(db, Clock.systemUTC(),
                    new gov.dadukou.guidance.admin.PasswordHasher(gov.dadukou.guidance.admin.PasswordHasher.OWASP_ITERATIONS),
                    java.time.Duration.ofHours(8));
            var account = staff.create(username, password.strip().toCharArray(), gov.dadukou.guidance.admin.Role.ADMIN, null);
            staff.audit("system", "create-admin", account.username() + " from the command line");
            out.println("created staff admin " + account.username());
            return 0;
        } catch (ClientException e) {
            out.println("refused: " + e.getMessage());
            return 65;
        }
    }

    /** {@code export --out DIR}: the live entries in the knowledge-base format. */
    private static int exportEntries(List<String> args, PrintStream out) {
        int at = args.indexOf("--out");
        if (at < 0 || at + 1 >= args.size()) {
            out.println("usage: export --out DIR");
            return 64;
        }
        AppConfig config = AppConfig.fromEnv(System.getenv());
        KnowledgeBase kb = KnowledgeBaseLoader.load(config.kbDir());
        try (Database db = Assistant.openDatabase(config)) {
            var workflow = new gov.dadukou.guidance.admin.EntryWorkflow(db, kb, noLiveIndex(), Clock.systemUTC());
            workflow.seedIfEmpty(kb);
            var live = workflow.published();
            int files = gov.dadukou.guidance.knowledge.KnowledgeBaseExporter.export(kb.departments(), kb.topics(), live, Path.of(args.get(at + 1)));
            out.println("exported " + live.size() + " live entries in " + files + " files to " + args.get(at + 1));
            return 0;
        }
    }

    /** {@code import}: the shipped knowledge base again; new and changed entries become submitted proposals. */
    private static int importEntries(PrintStream out) {
        AppConfig config = AppConfig.fromEnv(System.getenv());
        KnowledgeBase kb = KnowledgeBaseLoader.load(config.kbDir());
        try (Database db = Assistant.openDatabase(config)) {
            var workflow = new gov.dadukou.guidance.admin.EntryWorkflow(db, kb, noLiveIndex(), Clock.systemUTC());
            int seeded = workflow.seedIfEmpty(kb);
            out.println(seeded > 0 ? "empty database seeded with " + seeded + " entries" : "imported: " + workflow.importShipped(kb)
                    + " (review and publish them in the staff console; a running server picks up publications made there)");
            return 0;
        }
    }

    /** The command-line tools change the database only; a running server's index is not theirs to touch. */
    private static gov.dadukou.guidance.admin.LiveEntries noLiveIndex() {
        return new gov.dadukou.guidance.admin.LiveEntries() {
            @Override
            public void publish(gov.dadukou.guidance.knowledge.Entry entry) {
            }

            @Override
            public void retire(String entryId) {
            }
        };
    }

    /** {@code ledger verify} and {@code ledger export --out FILE.csv [--unmasked]}. */
    private static int ledger(List<String> args, PrintStream out) {
        if (args.isEmpty() || !(args.get(0).equals("verify") || args.get(0).equals("export"))) {
            out.println("usage: ledger verify | ledger export --out FILE.csv [--unmasked]");
            return 64;
        }
        AppConfig config = AppConfig.fromEnv(System.getenv());
        KnowledgeBase kb = KnowledgeBaseLoader.load(config.kbDir());
        try (Database db = Assistant.openDatabase(config)) {
            ConsentService consent = new ConsentService(db, Clock.systemUTC(), kb.topics(), new ConsentService.NoticeSettings(
                    config.consentController(), config.consentContact(), config.consentRetention(), config.delivery().channel()));
            if (args.get(0).equals("verify")) {
                ConsentLedger.Verification v = consent.verify();
                if (v.ok()) {
                    out.println("ledger OK: " + v.events() + " events verified");
                    return 0;
                }
                if (v.firstBadSeq() < 0) { // the chain verified; the current-state table derived from it did not
                    out.println("ledger chain OK (" + v.events() + " events) but CURRENT STATE DISAGREES: " + v.problem());
                    return 1;
                }
                out.println("LEDGER BROKEN at event " + v.firstBadSeq() + ": " + v.problem() + " (" + v.events() + " events verified before it)");
                return 1;
            }
            int at = args.indexOf("--out");
            if (at < 0 || at + 1 >= args.size()) {
                out.println("usage: ledger export --out FILE.csv [--unmasked]");
                return 64;
            }
            Path file = Path.of(args.get(at + 1));
            boolean unmasked = args.contains("--unmasked");
            List<ConsentView> records = consent.all(unmasked);
            try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                ConsentCsv.write(records, writer);
            } catch (java.io.IOException e) {
                System.err.println("cannot write " + file + ": " + e.getMessage());
                return 74;
            }
            out.println("exported " + records.size() + " consents to " + file + (unmasked ? " (phones NOT masked)" : " (phones masked)"));
            return 0;
        }
    }

    private static int eval(List<String> files, PrintStream out) {
        if (files.isEmpty()) {
            out.println("usage: eval [--fit|--dump] [--relabel RELABELS.jsonl] FILE.jsonl[#fit|#report][*WEIGHT] ...");
            return 64;
        }
        boolean fit = files.contains("--fit");
        boolean dump = files.contains("--dump");
        int relabel = files.indexOf("--relabel");
        Path relabels = relabel >= 0 && relabel + 1 < files.size() ? Path.of(files.get(relabel + 1)) : null;
        List<QuestionFile> paths = new java.util.ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).startsWith("--") || (relabels != null && i == relabel + 1)) {
                continue;
            }
            QuestionFile file = QuestionFile.parse(files.get(i));
            paths.add(relabels == null ? file : file.relabelledBy(relabels));
        }
        for (QuestionFile p : paths) {
            if (!Files.isRegularFile(p.path())) {
                System.err.println("no such file: " + p.path());
                return 66;
            }
        }
        try (TempDirectory dataDir = evaluationDir();
             Assistant assistant = Assistant.start(evaluationConfig(dataDir), Clock.systemUTC())) {
            if (dump) {
                new PolicyFitter(assistant.retriever(), assistant.entries()).dump(paths, out);
                return 0;
            }
            if (fit) {
                new PolicyFitter(assistant.retriever(), assistant.entries()).fit(paths, out);
                return 0;
            }
            EvalReport report = new Evaluator(assistant.chat(), assistant::firstPhrasing).runFiles(paths);
            for (EvalReport.Miss m : report.misses()) {
                out.printf("MISS %s:%d %s%n     expected %s; got matched=%s entry=%s: %s%n", m.file(), m.line(), m.question(),
                        m.expected(), m.matched(), m.entryId(), m.answerStart());
            }
            out.println(report.summary());
        }
        return 0;
    }
}
