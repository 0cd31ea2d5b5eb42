package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a department's published catalogue page (HTML tables, or lists) into draft entries. Table
 * columns are mapped by their header text (事项名称 → title, 指导方式 → method, 法律依据 → legal basis,
 * 实施单位 → department, 内容 → answer, 问题 → question); list items become titles. Rows that cannot be
 * read are reported with the reason, never guessed. Stateless.
 */
public final class HtmlCatalogueImporter {
    /** The drafts read, and the rows that were not, each with its reason. */
    public record Result(List<ObjectNode> drafts, List<String> skipped) {
    }

    private static final Map<String, List<String>> HEADERS = Map.of(
            "title", List.of("事项名称", "指导事项", "事项", "名称", "标题", "项目"),
            "method", List.of("指导方式", "行政指导方式", "方式"),
            "legalBasis", List.of("法律依据", "实施依据", "设定依据", "依据"),
            "department", List.of("实施单位", "实施主体", "责任单位", "部门", "单位"),
            "answer", List.of("指导内容", "具体内容", "内容", "说明", "答复"),
            "question", List.of("常见问题", "问题"));

    private final List<String> departments;
    private final List<String> methods;

    public HtmlCatalogueImporter(List<String> departments, List<String> methods) {
        this.departments = List.copyOf(departments);
        this.methods = List.copyOf(methods);
    }

    /**
     * @param defaultDepartment used where a row names none (the uploader's department)
     */
    public Result read(String html, String defaultDepartment, LocalDate today) {
        Document doc = Jsoup.parse(html);
        List<ObjectNode> drafts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int tableNo = 0;
        for (Element table : doc.select("table")) {
            tableNo++;
            List<Element> rows = table.select("tr");
            if (rows.isEmpty()) {
                continue;
            }
            // Not eachText(): it leaves out empty cells, which would shift the columns.
            List<String> header = rows.get(0).select("th, td").stream().map(Element::text).toList();
            String[] fields = header.stream().map(HtmlCatalogueImporter::fieldOf).toArray(String[]::new);
            if (Arrays.stream(fields).noneMatch("title"::equals)) {
                skipped.add("表格" + tableNo + "：没有“事项名称”一类的列，无法导入");
                continue;
            }
            for (int r = 1; r < rows.size(); r++) {
                List<String> cells = rows.get(r).select("td, th").stream().map(Element::text).toList();
                String where = "表格" + tableNo + "第" + (r + 1) + "行";
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (cells.size() != fields.length) {
                    skipped.add(where + "：列数与表头不一致（合并单元格？）");
                    continue;
                }
                String title = null;
                String method = null;
                String department = defaultDepartment;
                String answer = null;
                List<String> laws = new ArrayList<>();
                List<String> questions = new ArrayList<>();
                for (int c = 0; c < fields.length; c++) {
                    String v = cells.get(c).strip();
                    if (fields[c] == null || v.isEmpty()) {
                        continue;
                    }
                    switch (fields[c]) {
                        case "title" -> title = v;
                        case "method" -> method = methods.contains(v) ? v : null;
                        case "legalBasis" -> laws.addAll(Arrays.stream(v.split("[；;\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList());
                        case "department" -> department = v;
                        case "answer" -> answer = v;
                        case "question" -> questions.add(v);
                        default -> { }
                    }
                }
                if (title == null) {
                    skipped.add(where + "：事项名称为空");
                    continue;
                }
                if (department == null || !departments.contains(department)) {
                    skipped.add(where + "：实施单位“" + department + "”不在单位清单中");
                    continue;
                }
                drafts.add(DraftTemplates.draft("imp", title, questions, answer, department, method, laws, today,
                        "由网页导入：请补全【待补充】的问法、答案和法律依据，核对原网页后再提交审核"));
            }
        }
        int listNo = 0;
        for (Element list : doc.select("ul, ol")) {
            if (list.parents().stream().anyMatch(p -> p.tagName().equals("table") || p.tagName().equals("nav"))) {
                continue;
            }
            listNo++;
            for (Element li : list.children().select("li")) {
                String text = li.text().strip();
                if (text.length() < 4) {
                    skipped.add("列表" + listNo + "：“" + text + "”太短，无法作为事项");
                    continue;
                }
                if (defaultDepartment == null || !departments.contains(defaultDepartment)) {
                    skipped.add("列表" + listNo + "：未指定实施单位");
                    continue;
                }
                drafts.add(DraftTemplates.draft("imp", text, List.of(), null, defaultDepartment, null, List.of(), today,
                        "由网页列表导入：请补全问法、答案和法律依据后再提交审核"));
            }
        }
        return new Result(drafts, skipped);
    }

    private static String fieldOf(String header) {
        String h = header.replaceAll("\\s", "");
        for (String field : List.of("question", "method", "legalBasis", "department", "answer", "title")) {
            for (String name : HEADERS.get(field)) {
                if (h.contains(name)) {
                    return field;
                }
            }
        }
        return null;
    }
}
