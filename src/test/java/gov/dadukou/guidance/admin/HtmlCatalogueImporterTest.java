package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlCatalogueImporterTest {
    static final HtmlCatalogueImporter IMPORTER = new HtmlCatalogueImporter(List.of("区城市管理局", "区市场监管局"),
            List.of("提示提醒", "劝导警示", "政策指引"));
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    static String page(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/import/" + name), StandardCharsets.UTF_8);
    }

    @Test
    void tableColumnsAreMappedByTheirHeaders() throws IOException {
        HtmlCatalogueImporter.Result r = IMPORTER.read(page("table-page.html"), "区城市管理局", TODAY);
        assertEquals(2, r.drafts().size(), r.toString());
        ObjectNode first = r.drafts().get(0);
        assertEquals("测试事项：门店招牌设置提示", first.get("title").asText());
        assertEquals("提示提醒", first.get("method").asText());
        assertEquals("区城市管理局", first.get("department").asText());
        assertEquals("设置招牌前请先咨询。", first.get("answer").asText());
        assertEquals("测试条例", first.get("legalBasis").get(0).get("law").asText());
        assertEquals("第十二条", first.get("legalBasis").get(0).get("article").asText());
        assertEquals("测试办法", first.get("legalBasis").get(1).get("law").asText());
        assertTrue(first.get("questions").size() >= 4);
    }

    @Test
    void missingPartsAreMarkedNeverInvented() throws IOException {
        ObjectNode second = IMPORTER.read(page("table-page.html"), "区城市管理局", TODAY).drafts().get(1);
        assertEquals("区城市管理局", second.get("department").asText(), "the uploader's department where the row names none");
        assertTrue(second.get("answer").asText().startsWith(DraftTemplates.TODO));
        assertTrue(DraftTemplates.incomplete(second.toString()));
    }

    @Test
    void unreadableRowsAreReportedWithTheReason() throws IOException {
        List<String> skipped = IMPORTER.read(page("table-page.html"), "区城市管理局", TODAY).skipped();
        assertTrue(skipped.stream().anyMatch(s -> s.contains("第4行") && s.contains("区不存在局")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.contains("第5行") && s.contains("事项名称为空")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.contains("第6行") && s.contains("列数")), skipped.toString());
    }

    @Test
    void listItemsBecomeTitlesAndNavigationIsIgnored() throws IOException {
        HtmlCatalogueImporter.Result r = IMPORTER.read(page("list-page.html"), "区城市管理局", TODAY);
        assertEquals(List.of("测试列表事项：户外广告设置指导", "测试列表事项：建筑垃圾运输提示"),
                r.drafts().stream().map(d -> d.get("title").asText()).toList());
        assertTrue(r.skipped().stream().anyMatch(s -> s.contains("太短")), r.skipped().toString());
    }
}
