package gov.dadukou.guidance.search;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.Assistant;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.Role;
import gov.dadukou.guidance.admin.StaffService;
import gov.dadukou.guidance.knowledge.Entry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue's search over the shipped base: the chat's analysis, every good match, best first. */
class CatalogueSearchTest {
    @TempDir
    static Path dataDir;
    static Assistant assistant;

    @BeforeAll
    static void start() {
        assistant = Assistant.start(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        assistant.close();
    }

    static CatalogueSearch.Result search(String query) {
        return assistant.catalogueSearch().search(query, assistant.entries().all());
    }

    static List<String> ids(String query) {
        return search(query).ranked().stream().map(CatalogueSearch.Ranked::entryId).toList();
    }

    @Test
    void hotPotFindsTheRestaurantEntriesWhosePhrasingsMentionIt() {
        // 火锅 is in none of these titles: the old substring search found nothing.
        List<String> found = ids("火锅");
        assertTrue(found.containsAll(List.of("scjg-kaiban-canyindian-shouxu", "scjg-canyin-fuwufei-zuidi",
                "spaq-digouyou-yanjin", "sthj-zhuzhai-lou-canyin-xianzhi")), found.toString());
        assertTrue(found.size() <= 12, "only what mentions hot pot: " + found);
    }

    @Test
    void traditionalCharactersFindTheSameEntriesAsSimplified() {
        assertEquals(ids("火锅"), ids("火鍋"));
        assertEquals("营业执照", search("營業執照").searched());
    }

    @Test
    void aTypoFromTheSynonymListIsCorrectedBeforeSearching() {
        CatalogueSearch.Result r = search("营叶执照");
        assertEquals("营业执照", r.searched());
        assertTrue(top(r, 5).contains("scjg-yyzz-xingmu"), top(r, 5).toString());
    }

    @Test
    void oneWrongCharacterThatNoListKnowsStillFindsTheTerm() {
        // 营业执招: its bigrams 营业 and 业执 still point to the licence entries; 执招 occurs nowhere.
        CatalogueSearch.Result r = search("营业执招");
        assertTrue(top(r, 5).contains("scjg-yyzz-xingmu"), top(r, 5).toString());
    }

    @Test
    void aCommonSingleCharacterDoesNotFloodTheResults() {
        List<String> found = ids("健康证");
        assertEquals(java.util.Set.of("spaq-jiankang-zhengming", "spaq-anli-wu-jiankangzheng", "wsjk-gonggong-changsuo-congye-jiankangzheng"),
                java.util.Set.copyOf(found.subList(0, 3)), found.toString());
        assertTrue(found.size() <= 8, "证 alone must not list every licence: " + found);
    }

    @Test
    void aLawsNameFindsEveryEntryBasedOnIt() {
        List<String> found = ids("消防法");
        List<String> basedOnIt = assistant.entries().all().stream().filter(e -> e.legalBasisText().contains("消防法"))
                .map(Entry::id).toList();
        assertTrue(basedOnIt.size() >= 5);
        assertTrue(found.containsAll(basedOnIt), "missing: " + basedOnIt.stream().filter(id -> !found.contains(id)).toList());
    }

    @Test
    void wordsThatNoEntryContainsFindNothing() {
        assertEquals(List.of(), ids("xyzzy"));
        assertEquals(List.of(), ids("宇宙飞船"));
    }

    @Test
    void aRetiredEntryIsNoLongerFound() throws java.io.IOException {
        java.nio.file.Files.createDirectories(dataDir.resolve("retire"));
        try (Assistant own = Assistant.start(AppConfig.forDirs(dataDir.resolve("retire"), TestServer.SHIPPED_KB).withDense(false),
                Clock.systemUTC())) {
            assertTrue(own.catalogueSearch().search("火锅", own.entries().all()).ranked().stream()
                    .anyMatch(r -> r.entryId().equals("spaq-digouyou-yanjin")));
            own.workflow().retire(new StaffService.Account(1, "reviewer", Role.ADMIN, null, true, false, null), "spaq-digouyou-yanjin");
            assertTrue(own.catalogueSearch().search("火锅", own.entries().all()).ranked().stream()
                    .noneMatch(r -> r.entryId().equals("spaq-digouyou-yanjin")));
        }
    }

    private static List<String> top(CatalogueSearch.Result r, int n) {
        return r.ranked().stream().limit(n).map(CatalogueSearch.Ranked::entryId).toList();
    }
}
