package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;

/**
 * Draft entries started from something other than a full form (a group of unanswered questions, a row
 * of an imported page). What the source does not give is filled with a visible {@link #TODO} marker, so
 * the draft validates as a draft but cannot be submitted for review until staff complete it. Nothing is
 * invented: the markers say what is missing. Stateless.
 */
final class DraftTemplates {
    static final String TODO = "【待补充】";
    /**
     * How the templates' instructions to staff begin. They were once stored in the draft's 待核实说明 and, left
     * as they were, passed review and were published; drafts from before that still carry them, so a version
     * whose fields contain one can be neither submitted nor approved.
     */
    static final List<String> INSTRUCTIONS = List.of("由未答问题生成：", "由网页导入：", "由网页列表导入：");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DraftTemplates() {
    }

    /**
     * @param idPrefix   e.g. {@code imp} or {@code gap}; the id is the prefix and a hash of the title
     * @param questions  the phrasings known so far (the title is used when empty)
     * @param answer     the answer text, or null
     * @param laws       legal bases as written on the source ("《X》第Y条" or "X"), may be empty
     * @param instruction what staff should do with the draft: help text for the screen, never stored in the entry
     */
    static ObjectNode draft(String idPrefix, String title, List<String> questions, String answer, String department, String method,
                            List<String> laws, LocalDate today, String instruction) {
        ObjectNode e = JSON.createObjectNode();
        String cleanTitle = title.strip();
        e.put("id", idPrefix + "-" + shortHash(cleanTitle + "|" + department));
        e.put("kind", "行政指导事项");
        e.put("title", cleanTitle.length() > 80 ? cleanTitle.substring(0, 80) : cleanTitle);
        ArrayNode q = e.putArray("questions");
        List<String> known = questions.isEmpty() ? List.of(cleanTitle) : questions;
        known.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().limit(20).forEach(s -> q.add(s.length() > 200 ? s.substring(0, 200) : s));
        for (int i = q.size() + 1; q.size() < 4; i++) {
            q.add(TODO + cleanTitle + "（问法" + i + "）");
        }
        e.put("answer", answer == null || answer.isBlank() ? TODO + "答案" : answer.strip());
        e.put("department", department);
        if (method != null) {
            e.put("method", method);
        }
        ArrayNode basis = e.putArray("legalBasis");
        if (laws.isEmpty()) {
            basis.addObject().put("law", TODO + "法律依据");
        }
        for (String law : laws) {
            String l = law.strip();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("《?([^》]+)》?\\s*(第[零〇一二三四五六七八九十百千0-9]+条.*)?").matcher(l);
            ObjectNode b = basis.addObject();
            if (m.matches()) {
                b.put("law", m.group(1).strip());
                if (m.group(2) != null) {
                    b.put("article", m.group(2).strip());
                }
            } else {
                b.put("law", l.replace("《", "").replace("》", ""));
            }
        }
        e.put("reviewed", today.toString());
        // No "verify": an instruction is not something the public should see marked as 待核实.
        return e;
    }

    static boolean incomplete(String contentJson) {
        return problem(contentJson) != null;
    }

    /** Why a version cannot go to or through legal review as it is (in Chinese), or null when it can. */
    static String problem(String contentJson) {
        if (contentJson.contains(TODO)) {
            return "草稿中还有“" + TODO + "”的内容，补全后才能提交审核。";
        }
        for (String instruction : INSTRUCTIONS) {
            if (contentJson.contains(instruction)) {
                return "条目中还留有模板的填写提示（“" + instruction + "…”），这是给工作人员的说明，不是条目内容；"
                        + "请删除它（待核实说明只写需要核实的具体事项，不需要核实就留空）后再提交。";
            }
        }
        return null;
    }

    private static String shortHash(String text) {
        return gov.dadukou.guidance.Hashing.sha256Hex(text).substring(0, 10);
    }
}
