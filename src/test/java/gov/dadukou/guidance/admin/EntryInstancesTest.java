package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.DatabaseInstances;
import gov.dadukou.guidance.knowledge.Entry;
import gov.dadukou.guidance.knowledge.EntryCodec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two staff members revising the same entry at the same moment on two instances: one new version, and the other is
 * told to reload (409 {@code concurrent_edit}), never a server error and never a lost or doubled version.
 */
class EntryInstancesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("gov.dadukou.guidance.DatabaseInstances#backends")
    void theSameEntryRevisedOnTwoInstancesAtOnceGetsOneNewVersionAndOneConflict(String backend) throws Exception {
        try (DatabaseInstances db = DatabaseInstances.of(backend, dir)) {
            EntryWorkflow a = new EntryWorkflow(db.open(), LiveEntrySyncTest.KB, ExportImportRoundTripTest.NOWHERE, Clock.systemUTC());
            EntryWorkflow b = new EntryWorkflow(db.open(), LiveEntrySyncTest.KB, ExportImportRoundTripTest.NOWHERE, Clock.systemUTC());
            a.seedIfEmpty(LiveEntrySyncTest.KB);
            StaffFlow staff = StaffFlow.create(new StaffService(db.open(), Clock.systemUTC(), new PasswordHasher(1_000), Duration.ofHours(8)));
            Entry entry = LiveEntrySyncTest.KB.entries().get(0);
            for (int round = 0; round < 5; round++) {
                int before = a.history(entry.id()).size();
                List<String> outcomes = StaffInstancesTest.race(
                        () -> StaffInstancesTest.outcome(() -> a.revise(staff.author(), entry.id(), revision(entry, "（甲）"))),
                        () -> StaffInstancesTest.outcome(() -> b.revise(staff.author(), entry.id(), revision(entry, "（乙）"))));
                int added = a.history(entry.id()).size() - before;
                // Both may also land one after the other (the second then revises the first's draft): never lost, never doubled.
                if (outcomes.contains("created") && outcomes.stream().allMatch("created"::equals)) {
                    assertEquals(2, added, "round " + round);
                } else {
                    assertEquals(List.of("409 concurrent_edit", "created"), outcomes.stream().sorted().toList(), "round " + round);
                    assertEquals(1, added, "round " + round);
                }
            }
        } catch (ClientException e) {
            throw new AssertionError(e.code() + ": " + e.getMessage(), e);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode revision(Entry entry, String marker) {
        Map<String, Object> fields = new LinkedHashMap<>(EntryCodec.toMap(entry));
        fields.put("answer", entry.answer() + marker);
        return JSON.valueToTree(fields);
    }
}
