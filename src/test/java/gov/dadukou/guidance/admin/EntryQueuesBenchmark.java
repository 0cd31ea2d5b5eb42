package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryCodec;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Not run with the suite (surefire runs {@code *Test}): the console's queue queries at 10,000 entries, behind
 * docs/benchmarks.md. {@code mvn -q -o test -Dtest=EntryQueuesBenchmark}. The shipped entries are copied under new
 * ids until there are 10,000 (most published, some drafts, submitted, returned; the shipped verification marks kept),
 * then each query runs {@value #RUNS} times after {@value #WARM_UPS} warm-ups; medians and p90 are printed and appended
 * to target/queue-bench.txt. The old whole-list read ({@link EntryWorkflow#list()}) is timed for comparison.
 */
class EntryQueuesBenchmark {
    static final int ENTRIES = 10_000;
    static final int RUNS = 30;
    static final int WARM_UPS = 5;

    @TempDir
    Path dir;

    @Test
    void queuePagesAtTenThousandEntries() throws Exception {
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        try (Database db = Database.open(dir.resolve("bench.db"))) {
            fill(db, kb.entries());
            EntryWorkflow workflow = new EntryWorkflow(db, kb, new LiveEntries() {
                @Override
                public void publish(Entry entry) {
                }

                @Override
                public void retire(String entryId) {
                }
            }, Clock.systemUTC());
            EntryQueues queues = new EntryQueues(db, Clock.systemUTC());
            StaffService.Account admin = new StaffService.Account(1, "admin", Role.ADMIN, null, true, false, "system");
            StaffService.Account editor = new StaffService.Account(2, "editor1", Role.EDITOR, "区人力社保局", true, false, "admin");
            Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
            cases.put("all, page 1 of 50", () -> queues.page(admin, filter(EntryQueues.View.ALL, null, null, null, 1)));
            cases.put("all, page 150 of 50", () -> queues.page(admin, filter(EntryQueues.View.ALL, null, null, null, 150)));
            cases.put("all, department + status", () -> queues.page(admin, filter(EntryQueues.View.ALL, "区市场监管局", "published", null, 1)));
            cases.put("all, text search 营业执照", () -> queues.page(admin, filter(EntryQueues.View.ALL, null, null, "营业执照", 1)));
            cases.put("review queue, oldest first", () -> queues.page(admin, filter(EntryQueues.View.REVIEW, null, null, null, 1)));
            cases.put("editor's verification queue", () -> queues.page(editor, filter(EntryQueues.View.VERIFY, null, null, null, 1)));
            cases.put("counts of all queues (tab labels)", () -> queues.counts(editor));
            cases.put("verification by department (report)", queues::verificationByDepartment);
            cases.put("old whole list (GET /entries)", workflow::list);
            StringBuilder out = new StringBuilder("entries=" + ENTRIES + " versions=" + versions(db) + "\n");
            for (var c : cases.entrySet()) {
                for (int i = 0; i < WARM_UPS; i++) {
                    c.getValue().get();
                }
                long[] ns = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long t = System.nanoTime();
                    c.getValue().get();
                    ns[i] = System.nanoTime() - t;
                }
                Arrays.sort(ns);
                out.append(String.format("%-40s median %7.2f ms  p90 %7.2f ms%n", c.getKey(), ns[RUNS / 2] / 1e6, ns[RUNS * 9 / 10] / 1e6));
            }
            System.out.print(out);
            Files.writeString(Path.of("target", "queue-bench.txt"), Instant.now() + "\n" + out, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    static EntryQueues.Filter filter(EntryQueues.View view, String department, String status, String text, int page) {
        return new EntryQueues.Filter(view, department, null, null, status, null, text, page, 50);
    }

    /** Copies of the shipped entries under new ids, in one transaction; every tenth has a second, unpublished version. */
    static void fill(Database db, List<Entry> shipped) {
        String[] pending = {"draft", "submitted", "rejected"};
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kb_versions (entry_id, version, content, source_file, status, "
                    + "author, created_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < ENTRIES; i++) {
                    Entry e = shipped.get(i % shipped.size());
                    String id = e.id() + "-" + i;
                    String json = EntryCodec.toJson(e).replace("\"id\":\"" + e.id() + "\"", "\"id\":\"" + id + "\"");
                    String at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 60L).toString();
                    add(ps, id, 1, json, e.sourceFile(), "published", at, null);
                    if (i % 10 == 0) {
                        String status = pending[(i / 10) % 3];
                        add(ps, id, 2, json.replace("\"answer\":\"", "\"answer\":\"修改：" ), e.sourceFile(), status, at, status.equals("draft") ? null : at);
                    }
                }
                ps.executeBatch();
            }
            VersionRows.reindexAll(c);
            return null;
        });
    }

    private static void add(PreparedStatement ps, String id, int version, String json, String source, String status, String at,
                            String submittedAt) throws java.sql.SQLException {
        ps.setString(1, id);
        ps.setInt(2, version);
        ps.setString(3, json);
        ps.setString(4, source);
        ps.setString(5, status);
        ps.setString(6, "editor1");
        ps.setString(7, at);
        ps.setString(8, submittedAt);
        ps.addBatch();
    }

    private static int versions(Database db) {
        return db.transaction(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM kb_versions")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
