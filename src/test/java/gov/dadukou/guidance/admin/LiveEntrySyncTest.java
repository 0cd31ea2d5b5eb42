package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.KnowledgeBase;
import gov.dadukou.guidance.knowledge.KnowledgeBaseLoader;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one database, each an EntryWorkflow with its LiveEntrySync, which record what they apply: a change
 * made through one reaches the other by a poll, and each is applied once per instance. Run on SQLite and PostgreSQL
 * (the subclasses), with the same assertions.
 */
abstract class LiveEntrySyncTest {
    static final KnowledgeBase KB = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
    static final String LICENCE = "scjg-yyzz-xingmu";

    /** A fresh, empty database (migrated); closed by the test. */
    abstract Database open();

    /** What one instance applied, in order: "publish id vN" (N from the answer's marker) or "retire id". */
    static final class Recorder implements LiveEntries {
        final List<String> applied = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(Entry entry) {
            applied.add("publish " + entry.id() + (entry.answer().endsWith("】") ? " " + entry.answer().substring(entry.answer().lastIndexOf('【')) : ""));
        }

        @Override
        public void retire(String entryId) {
            applied.add("retire " + entryId);
        }

        long count(String line) {
            return applied.stream().filter(line::equals).count();
        }
    }

    /** One instance: what it applies, its sync and its workflow. */
    record Instance(Recorder recorder, LiveEntrySync sync, EntryWorkflow workflow) {
        static Instance on(Database db) {
            Recorder r = new Recorder();
            LiveEntrySync sync = new LiveEntrySync(db, KB, r);
            return new Instance(r, sync, new EntryWorkflow(db, KB, sync, Clock.systemUTC()));
        }
    }

    Database db;
    Instance a;
    Instance b;
    StaffFlow staff;

    @BeforeEach
    void twoInstancesOnASeededDatabase() {
        db = open();
        a = Instance.on(db);
        b = Instance.on(db);
        a.workflow().seedIfEmpty(KB);
        a.sync().load();
        b.sync().load();
        staff = StaffFlow.create(new StaffService(db, Clock.systemUTC(), new PasswordHasher(1_000), Duration.ofHours(8)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    Entry licence() {
        return KB.entries().stream().filter(e -> e.id().equals(LICENCE)).findFirst().orElseThrow();
    }

    @Test
    void aPublicationOnOneInstanceIsAppliedOnTheOtherByItsNextPollAndOnceOnEach() {
        staff.publishRevision(a.workflow(), licence(), "【1】");
        assertEquals(List.of("publish " + LICENCE + " 【1】"), a.recorder().applied, "applied at once where it was published");
        assertEquals(List.of(), b.recorder().applied, "not before the other instance polls");

        assertEquals(1, b.sync().poll());
        assertEquals(List.of("publish " + LICENCE + " 【1】"), b.recorder().applied);
        assertEquals(0, a.sync().poll(), "the publishing instance's own poll finds it applied");
        assertEquals(0, b.sync().poll());
        assertEquals(1, a.recorder().count("publish " + LICENCE + " 【1】"), "never applied twice");
    }

    @Test
    void aRetirementOnOneInstanceIsAppliedOnTheOtherByItsNextPoll() {
        staff.retire(a.workflow(), LICENCE);
        assertEquals(1, b.sync().poll());
        assertEquals(List.of("retire " + LICENCE), b.recorder().applied);
        assertEquals(0, a.sync().poll());
        assertEquals(List.of("retire " + LICENCE), a.recorder().applied);
    }

    @Test
    void aChangeAPollAppliedBeforeTheLocalCallIsNotAppliedAgain() {
        // The instance's timer polls between the publishing transaction's commit and the workflow's local call.
        Recorder r = new Recorder();
        LiveEntrySync sync = new LiveEntrySync(db, KB, r);
        EntryWorkflow racing = new EntryWorkflow(db, KB, new LiveEntries() {
            @Override
            public void publish(Entry entry) {
                throw new AssertionError("the workflow tells the version");
            }

            @Override
            public void retire(String entryId) {
                throw new AssertionError("the workflow tells the version");
            }

            @Override
            public void published(Entry entry, int version, long generation) {
                assertEquals(1, sync.poll());
                sync.published(entry, version, generation);
            }

            @Override
            public void retired(String entryId, int version, long generation) {
                assertEquals(1, sync.poll());
                sync.retired(entryId, version, generation);
            }
        }, Clock.systemUTC());
        sync.load();
        staff.publishRevision(racing, licence(), "【2】");
        staff.retire(racing, LICENCE);
        assertEquals(List.of("publish " + LICENCE + " 【2】", "retire " + LICENCE), r.applied);
    }

    @Test
    void anInstanceStartedOnAnEmptyDatabaseTakesUpTheEntriesAnotherSeeds() {
        try (Database empty = open()) {
            Instance early = Instance.on(empty);
            assertEquals(List.of(), early.sync().load());
            Instance seeder = Instance.on(empty);
            assertEquals(KB.entries().size(), seeder.workflow().seedIfEmpty(KB));
            assertEquals(0, seeder.workflow().seedIfEmpty(KB), "seeding happens once");
            assertEquals(KB.entries().size(), early.sync().poll());
            assertEquals(KB.entries().size(), early.recorder().applied.size());
        }
    }

    @Test
    void aPollWithNothingNewAppliesNothingAndIsCheap() {
        int runs = 1_000;
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            assertEquals(0, b.sync().poll());
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        System.out.printf("[measure] %s: one poll with nothing new: median %.3f ms, p99 %.3f ms (%d runs)%n",
                db.dialect(), ns[runs / 2] / 1e6, ns[runs * 99 / 100] / 1e6, runs);
        assertTrue(ns[runs / 2] < 20_000_000L, "a poll is one primary-key read, not a reload");
        assertEquals(List.of(), b.recorder().applied);
    }
}
