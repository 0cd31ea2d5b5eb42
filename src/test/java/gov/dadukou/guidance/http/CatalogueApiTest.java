package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ShippedServer;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/catalogue}: search with the chat's analysis, filters that still apply, and its errors. */
class CatalogueApiTest {
    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.lexical();

    static JsonNode get(String query) {
        TestServer.Response r = shipped.get().get("/api/catalogue?" + query);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> resultIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("results").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    static List<String> groupedIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("departments").forEach(d -> d.get("methods").forEach(m -> m.get("items").forEach(i -> ids.add(i.get("id").asText()))));
        return ids;
    }

    @Test
    void withoutParametersTheCatalogueListsEveryLiveEntryGroupedAsBefore() {
        JsonNode body = get("");
        assertEquals(shipped.get().assistant.entries().size(), body.get("count").asInt());
        assertFalse(body.has("results"), "the ranked list belongs to a search");
        assertFalse(body.has("searched"));
        assertEquals(shipped.get().assistant.entries().size(), groupedIds(body).size());
    }

    @Test
    void aSearchReturnsTheSameItemsGroupedAndRankedWithWhatWasSearched() {
        JsonNode body = get("q=" + enc("火鍋"));
        assertEquals("火锅", body.get("searched").asText(), "traditional characters are searched as simplified");
        List<String> ranked = resultIds(body);
        assertTrue(ranked.contains("scjg-canyin-fuwufei-zuidi") && ranked.contains("scjg-kaiban-canyindian-shouxu"), ranked.toString());
        assertEquals(body.get("count").asInt(), ranked.size());
        assertEquals(new java.util.HashSet<>(ranked), new java.util.HashSet<>(groupedIds(body)));
        JsonNode first = body.get("results").get(0);
        for (String field : List.of("id", "title", "kind", "method", "legalBasis", "reviewed", "needsVerification", "topics", "department")) {
            assertTrue(first.has(field), field);
        }
    }

    @Test
    void aTypedWrongCharacterIsCorrectedAndSaidSo() {
        JsonNode body = get("q=" + enc("营叶执照"));
        assertEquals("营业执照", body.get("searched").asText());
        assertTrue(resultIds(body).subList(0, 5).contains("scjg-yyzz-xingmu"), resultIds(body).toString());
    }

    @Test
    void filtersStillApplyToASearch() {
        JsonNode body = get("q=" + enc("火锅") + "&department=" + enc("区市场监管局"));
        assertTrue(body.get("count").asInt() >= 2);
        body.get("results").forEach(i -> assertEquals("区市场监管局", i.get("department").asText()));
        JsonNode cases = get("q=" + enc("消防") + "&kind=" + enc("典型案例"));
        assertTrue(cases.get("count").asInt() >= 1);
        cases.get("results").forEach(i -> assertEquals("典型案例", i.get("kind").asText()));
    }

    @Test
    void kindAndTopicFilterTheCatalogueWithoutASearch() {
        JsonNode byKind = get("kind=" + enc("免罚轻罚事项"));
        assertTrue(byKind.get("count").asInt() >= 5);
        byKind.get("departments").forEach(d -> d.get("methods").forEach(m -> m.get("items").forEach(
                i -> assertEquals("免罚轻罚事项", i.get("kind").asText()))));
        JsonNode byTopic = get("topic=" + enc("食品安全"));
        assertTrue(byTopic.get("count").asInt() >= 5);
        byTopic.get("departments").forEach(d -> d.get("methods").forEach(m -> m.get("items").forEach(
                i -> assertTrue(i.get("topics").toString().contains("食品安全")))));
    }

    @Test
    void theCatalogueListsEveryKindAndMethodItsFiltersAcceptAndEachFiltersWithoutError() {
        JsonNode body = get("");
        List<String> kinds = new java.util.ArrayList<>();
        body.get("kinds").forEach(k -> kinds.add(k.asText()));
        assertEquals(java.util.Arrays.stream(gov.dadukou.guidance.knowledge.Kind.values())
                .map(gov.dadukou.guidance.knowledge.Kind::label).toList(), kinds);
        assertTrue(kinds.contains("其他途径指引"), "referrals are listed in the catalogue too");
        List<String> methods = new java.util.ArrayList<>();
        body.get("methods").forEach(m -> methods.add(m.asText()));
        assertEquals(9, methods.size(), methods.toString());
        for (String value : kinds) {
            assertEquals(200, shipped.get().get("/api/catalogue?kind=" + enc(value)).status(), value);
        }
        for (String value : methods) {
            assertEquals(200, shipped.get().get("/api/catalogue?method=" + enc(value)).status(), value);
        }
        assertTrue(get("kind=" + enc("其他途径指引")).get("count").asInt() >= 3, "the shipped referrals");
    }

    @Test
    void aSearchThatFindsNothingIsAnEmptyListNotAnError() {
        JsonNode body = get("q=" + enc("宇宙飞船"));
        assertEquals(0, body.get("count").asInt());
        assertEquals(0, body.get("results").size());
        assertEquals(0, body.get("departments").size());
    }

    @Test
    void unknownFilterValuesAreTheClientsMistakeWithAChineseMessage() {
        for (String[] c : List.of(new String[] {"kind=" + enc("公告"), "unknown_kind"}, new String[] {"topic=" + enc("天气"), "unknown_topic"},
                new String[] {"department=" + enc("区火星局"), "unknown_department"}, new String[] {"q=" + "年".repeat(101), "query_too_long"})) {
            TestServer.Response r = shipped.get().get("/api/catalogue?" + c[0]);
            assertEquals(400, r.status(), c[0]);
            assertEquals(c[1], r.json().get("error").get("code").asText());
            assertTrue(r.json().get("error").get("message").asText().matches(".*[\\u4e00-\\u9fa5].*"));
        }
    }
}
