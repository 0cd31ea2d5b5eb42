package gov.dadukou.guidance;

import gov.dadukou.guidance.consent.ConsentLedger;
import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.DatabaseCopy;
import gov.dadukou.guidance.store.PostgresSettings;
import gov.dadukou.guidance.store.StoreException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code db copy --to jdbc:postgresql://host:port/db}: moves the SQLite database in {@code DATA_DIR} into an empty
 * PostgreSQL database ({@code DATABASE_USER} / {@code DATABASE_PASSWORD} from the environment, as for the server).
 * Exit codes: 0 copied, counted and the ledger verified on the target; 1 the copy failed (the target is emptied again)
 * or it differs from the source (left as it is, for inspection); 2 refused before anything was written: the target
 * is not empty, cannot be reached, or there is no SQLite database to copy; 64 usage.
 */
final class DatabaseCommand {
    static final String USAGE = "db copy --to jdbc:postgresql://HOST:PORT/DB";

    private DatabaseCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        int to = args.indexOf("--to");
        if (args.isEmpty() || !args.get(0).equals("copy") || to < 0 || to + 1 >= args.size()) {
            out.println("usage: " + USAGE);
            return 64;
        }
        String url = args.get(to + 1);
        if (!url.startsWith(PostgresSettings.URL_PREFIX) || url.length() <= PostgresSettings.URL_PREFIX.length()) {
            throw new AppConfig.ConfigException("--to 应形如 jdbc:postgresql://主机:端口/库名 / must look like jdbc:postgresql://host:port/db");
        }
        // The source is SQLite whatever DATABASE_URL says (the operator has usually set it for the target already).
        Map<String, String> sqliteEnv = new java.util.HashMap<>(env);
        sqliteEnv.keySet().removeIf(name -> name.startsWith("DATABASE_"));
        AppConfig config = AppConfig.fromEnv(sqliteEnv);
        // The driver sends each 1,000-row batch as multi-row INSERTs: 200,000 question-log rows took 13.6 s instead
        // of 33 s here. Only for the copy: it ignores the per-row update counts that this setting no longer reports.
        String batched = url.contains("reWriteBatchedInserts") ? url : url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        PostgresSettings target = new PostgresSettings(batched, env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"), 2);
        Path file = config.dataDir().resolve("guidance.db");
        if (!Files.isRegularFile(file)) {
            throw new AppConfig.ConfigException("DATA_DIR 中没有可复制的数据库 / there is no database to copy in DATA_DIR: " + file);
        }
        // Before anything is created: a target that holds anything is someone's data, and is never touched.
        List<String> existing = DatabaseCopy.existingRelations(target);
        if (!existing.isEmpty()) {
            err.println("拒绝复制：目标数据库不是空的，未做任何改动 / refused: the target database is not empty and was not changed: "
                    + target.location() + " holds " + existing.size() + " tables (" + String.join(", ",
                    existing.subList(0, Math.min(5, existing.size()))) + (existing.size() > 5 ? ", …" : "")
                    + "). 请使用新建的空数据库 / use a newly created, empty database.");
            return Main.EXIT_STARTUP_REFUSED;
        }
        out.println("源库 source: " + file + " (SQLite; brought to this release's schema first)");
        out.println("目标库 target: " + target.location() + " (PostgreSQL, empty)");
        try (Database source = Database.open(file, false)) {
            return copyInto(source, target, config, out, err);
        }
    }

    private static int copyInto(Database source, PostgresSettings settings, AppConfig config, PrintStream out, PrintStream err) {
        DatabaseCopy.Result result;
        Database target = null;
        try {
            target = Database.open(settings); // the PostgreSQL migrations make the schema
            result = DatabaseCopy.copy(source, target);
        } catch (StoreException e) {
            if (target != null) {
                target.close();
            }
            err.println("复制失败 / the copy failed: " + e.getMessage());
            try {
                if (DatabaseCopy.emptyAgain(settings)) { // it was empty before: what is there now, this run made
                    err.println("目标数据库已恢复为空，排除问题后可再次运行 / the target is empty again; fix the cause and run db copy again");
                } else {
                    err.println("目标数据库未被本次运行改动 / this run did not change the target");
                }
            } catch (StoreException cleanup) {
                err.println("目标数据库未能恢复为空，请删除后重建该库再运行 / the target could not be emptied; drop and create it, "
                        + "then run db copy again: " + cleanup.getMessage());
            }
            return 1;
        }
        try (Database copied = target) {
            for (DatabaseCopy.TableCount t : result.tables()) {
                out.printf(Locale.ROOT, "  %-28s %8d rows%s%s%n", t.table(), t.targetRows(),
                        t.replacedRows() > 0 ? " (replacing " + t.replacedRows() + " made by the migrations)" : "",
                        t.matches() ? "" : "   DIFFERS: the source has " + t.sourceRows());
            }
            for (String table : result.targetOnly()) {
                out.printf(Locale.ROOT, "  %-28s   (PostgreSQL only, left as the migrations made it)%n", table);
            }
            if (!result.differing().isEmpty()) {
                out.println("复制后行数不一致 / ROW COUNTS DIFFER in " + result.differing().size()
                        + " tables (above); the target is left as it is for inspection");
                return 1;
            }
            ConsentLedger.Verification v = new ConsentService(copied, Clock.systemUTC(), KnowledgeBaseLoader.load(config.kbDir()).topics(),
                    new ConsentService.NoticeSettings(config.consentController(), config.consentContact(), config.consentRetention(),
                            config.delivery().channel())).verify();
            if (!v.ok()) {
                out.println("目标库的同意记录链校验失败 / LEDGER DOES NOT VERIFY on the target: " + v.problem()
                        + (v.firstBadSeq() > 0 ? " at event " + v.firstBadSeq() : ""));
                return 1;
            }
            out.printf(Locale.ROOT, "复制完成 / copied: %d tables, %d rows in %.1f s; ledger OK on the target: %d events verified%n",
                    result.tables().size(), result.rows(), result.took().toMillis() / 1000.0, v.events());
            return 0;
        }
    }
}
