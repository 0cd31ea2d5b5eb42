package gov.dadukou.guidance;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.admin.StaffFlow;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.store.PostgresSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two instances on one PostgreSQL database, each with its own data directory and HTTP port, as behind a load
 * balancer: what staff change on one answers on the other within two seconds, and a follow-up keeps its context
 * whichever instance it reaches.
 */
class SeveralInstancesTest {
    @RegisterExtension
    static final PostgresServer.Fresh pg = PostgresServer.freshDatabaseEachTest();
    static final Duration PROMISED = Duration.ofSeconds(2);
    static final String LICENCE = "scjg-yyzz-xingmu";
    static final String QUESTION = "营业执照要挂出来吗";

    @TempDir
    Path dir;
    TestServer a;
    TestServer b;
    StaffFlow staff;

    @BeforeEach
    void twoInstances() {
        PostgresServer.Database db = pg.database();
        PostgresSettings settings = new PostgresSettings(db.url(), db.user(), db.password(), 4);
        a = new TestServer(AppConfig.forDirs(dir.resolve("a"), TestServer.SHIPPED_KB).withDense(false).withDatabase(settings), Clock.systemUTC());
        b = new TestServer(AppConfig.forDirs(dir.resolve("b"), TestServer.SHIPPED_KB).withDense(false).withDatabase(settings), Clock.systemUTC());
        staff = StaffFlow.create(a.assistant.staff());
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
    }

    /** Asks {@code server} until its reply satisfies {@code wanted}; returns how long that took. */
    static Duration within(Duration limit, TestServer server, String question, Predicate<JsonNode> wanted) {
        long start = System.nanoTime();
        JsonNode last;
        do {
            last = server.chat(question, null);
            if (wanted.test(last)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() - start < limit.toNanos());
        return fail("not within " + limit + "; last reply: " + last);
    }

    static boolean answeredBy(JsonNode reply, String entryId) {
        return reply.get("matched").asBoolean() && reply.get("sources").get(0).get("id").asText().equals(entryId);
    }

    @Test
    void anEntryRetiredOnOneInstanceStopsAnsweringOnTheOtherAndAPublishedOneAnswersThereWithinTwoSeconds() {
        assertTrue(answeredBy(b.chat(QUESTION, null), LICENCE), "both instances answer it at first");
        staff.retire(a.assistant.workflow(), LICENCE);
        assertFalse(answeredBy(a.chat(QUESTION, null), LICENCE), "at once where it was retired");
        within(PROMISED, b, QUESTION, r -> !answeredBy(r, LICENCE));
        assertTrue(b.assistant.entries().get(LICENCE).isEmpty(), "gone from the other instance's live entries");

        staff.approveRevision(a.assistant.workflow(), licence(a), "（本条已于今日更新）", null);
        staff.publish(a.assistant.workflow(), LICENCE);
        within(PROMISED, b, QUESTION, r -> answeredBy(r, LICENCE) && r.get("answer").asText().contains("（本条已于今日更新）"));
        assertTrue(b.get("/api/catalogue?q=营业执照").body().contains(LICENCE), "the catalogue reads the same index");
    }

    @Test
    void tenPublicationsEachAnswerOnTheOtherInstanceWithinTwoSeconds() {
        int runs = 10;
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            String marker = "（第" + (i + 1) + "次修订）";
            staff.approveRevision(a.assistant.workflow(), a.assistant.entries().get(LICENCE).orElseThrow(), marker, null);
            long start = System.nanoTime();
            staff.publish(a.assistant.workflow(), LICENCE);
            within(PROMISED, b, QUESTION, r -> answeredBy(r, LICENCE) && r.get("answer").asText().contains(marker));
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("[measure] publish on A -> answered on B: median %d ms, max %d ms, all %s (poll every %d ms)%n",
                sorted[runs / 2], sorted[runs - 1], Arrays.toString(ms), Assistant.LIVE_POLL.toMillis());
        assertEquals(1, a.assistant.entries().all().stream().filter(e -> e.id().equals(LICENCE)).count());
        assertTrue(b.assistant.entries().get(LICENCE).orElseThrow().answer().endsWith("（第10次修订）"));
    }

    @Test
    void aFollowUpSentToTheOtherInstanceKeepsTheContextOfTheQuestionBeforeIt() {
        assertFalse(b.chat("那不挂会怎么样？", "fresh-session").get("matched").asBoolean(), "without context it is not answered");
        JsonNode first = a.chat(QUESTION, "follow-1");
        JsonNode second = b.chat("那不挂会怎么样？", "follow-1");
        assertTrue(second.get("matched").asBoolean(), second.toString());
        assertEquals(first.get("sources").get(0).get("id"), second.get("sources").get(0).get("id"));
        assertTrue(second.get("answer").asText().contains("罚款"), second.toString());
    }

    /** The entry's latest version (live or not), as the staff console would revise it. */
    private static Entry licence(TestServer server) {
        var history = server.assistant.workflow().history(LICENCE);
        return server.assistant.workflow().entry(LICENCE, history.get(history.size() - 1).version());
    }
}
