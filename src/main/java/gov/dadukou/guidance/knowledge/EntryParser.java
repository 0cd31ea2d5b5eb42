package gov.dadukou.guidance.knowledge;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one YAML entry node into a validated {@link Entry}, or throws a {@link KnowledgeBaseException}
 * naming the field. Checks that need the whole base (unique ids and phrasings) are the loader's.
 * Immutable and thread-safe.
 */
final class EntryParser {
    static final int MIN_QUESTIONS = 4;
    static final int MAX_TITLE = 80;
    static final int MAX_QUESTION = 200;
    static final int MAX_ANSWER = 3000;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,63}");
    private static final Pattern ARTICLE = Pattern.compile("第[零〇一二三四五六七八九十百千0-9]+条.*");
    /** Mobile numbers and landlines with an area code: the only number an entry may give is 12345. */
    private static final Pattern PHONE = Pattern.compile("(?<!\\d)(1[3-9]\\d{9}|0\\d{2,3}-\\d{7,8})(?!\\d)");
    private static final Set<String> FIELDS = Set.of("id", "kind", "title", "questions", "answer", "department",
            "method", "legalBasis", "url", "reviewed", "topics", "verify", "window",
            "related", "conditions", "outcomes");
    private static final Pattern CONDITION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");
    static final int MAX_CHECK_QUESTION = 100;
    static final int MAX_CHECK_TEXT = 400;

    private final Set<String> departments;
    private final Set<String> topics;

    EntryParser(Set<String> departments, Set<String> topics) {
        this.departments = Set.copyOf(departments);
        this.topics = Set.copyOf(topics);
    }

    /**
     * @param position the entry's 1-based position in the file, named when its id is unusable
     * @param lines    where the entry and its fields are in the file, named in every error
     */
    Entry parse(String file, int position, JsonNode node, EntryLines lines) {
        String where = "#" + position;
        if (node == null || !node.isObject()) {
            throw new KnowledgeBaseException(file, lines.of(null), where, null, "条目应是一个映射（键: 值）", null);
        }
        String id = text(node, "id");
        if (id == null || !ID.matcher(id).matches()) {
            throw new KnowledgeBaseException(file, lines.of("id"), where, "id", "编号必填，只能用小写字母、数字和连字符，3–64位", null);
        }
        Checker c = new Checker(file, id, lines);
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw c.fail(name, "不认识的字段（拼写错误？）");
            }
        });
        Kind kind = Kind.fromLabel(c.required(node, "kind"))
                .orElseThrow(() -> c.fail("kind", "类别只能是："
                        + String.join("、", Kind.labels())));
        String title = c.required(node, "title");
        c.check(title.length() <= MAX_TITLE, "title", "标题不能超过" + MAX_TITLE + "字");
        List<String> questions = c.stringList(node, "questions", MAX_QUESTION);
        c.check(questions.size() >= MIN_QUESTIONS, "questions", "至少要有" + MIN_QUESTIONS + "种问法");
        String answer = c.required(node, "answer");
        c.check(answer.length() <= MAX_ANSWER, "answer", "答案不能超过" + MAX_ANSWER + "字");
        c.check(!PHONE.matcher(answer).find(), "answer", "答案中不能写电话号码（只能引用12345热线）");
        String department = c.required(node, "department");
        c.check(departments.contains(department), "department", "实施单位不在 departments.yaml 中：" + department);
        Method method = null;
        String methodText = text(node, "method");
        if (methodText != null) {
            method = Method.fromLabel(methodText).orElseThrow(() -> c.fail("method", "行政指导方式不在九种方式之中：" + methodText));
        }
        List<LegalBasis> legalBasis = legalBasis(c, node.get("legalBasis"));
        String url = text(node, "url");
        if (url != null) {
            c.check(isWebUrl(url), "url", "链接必须是 http 或 https 地址");
        }
        LocalDate reviewed = date(c, c.required(node, "reviewed"));
        List<String> entryTopics = node.has("topics") ? c.stringList(node, "topics", 20) : List.of();
        for (String topic : entryTopics) {
            c.check(topics.contains(topic), "topics", "主题不在 topics.yaml 中：" + topic);
        }
        String verify = text(node, "verify");
        if (node.has("verify")) {
            c.check(verify != null, "verify", "待核实说明不能为空（不需要核实就删除此字段）");
        }
        YearlyWindow window = window(c, node.get("window"));
        if (kind == Kind.ENFORCEMENT_REMINDER) {
            c.check(window != null, "window", "执法事项提示必须写明每年的时间窗口");
        } else {
            c.check(window == null, "window", "只有执法事项提示才有时间窗口");
        }
        List<String> related = node.has("related") ? c.stringList(node, "related", 64) : List.of();
        for (String other : related) {
            c.check(ID.matcher(other).matches() && !other.equals(id), "related", "相关条目编号无效：" + other);
        }
        if (kind == Kind.REFERRAL) {
            // A referral is not guidance: it names no method of guidance and leads to no steps of its own.
            c.check(method == null, "method", "其他途径指引不是行政指导事项，不写行政指导方式");
            c.check(related.isEmpty(), "related", "其他途径指引不列相关条目");
        }
        List<Condition> conditions = conditions(c, node.get("conditions"));
        if (!conditions.isEmpty()) {
            c.check(kind == Kind.NO_PENALTY_ITEM || kind == Kind.LAW_EXPLANATION, "conditions",
                    "只有免罚轻罚事项和法规解读才能有自查条件");
        }
        List<CheckRule> outcomes = outcomes(c, node.get("outcomes"), conditions);
        return new Entry(id, kind, title, questions, answer.strip(), department, method, legalBasis, url, reviewed,
                entryTopics, verify, window, related, file, conditions, outcomes);
    }

    private static List<LegalBasis> legalBasis(Checker c, JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw c.fail("legalBasis", "法律依据必填，至少一条（law，可选 article）");
        }
        List<LegalBasis> result = new ArrayList<>();
        for (JsonNode item : node) {
            String law = item.isObject() ? text(item, "law") : null;
            if (law == null) {
                throw c.fail("legalBasis", "每条法律依据都要写 law（法规名称）");
            }
            if (law.contains("《") || law.contains("》")) {
                throw c.fail("legalBasis", "法规名称不要带书名号，显示时会自动加上：" + law);
            }
            String article = text(item, "article");
            if (article != null && !ARTICLE.matcher(article).matches()) {
                throw c.fail("legalBasis", "条号应写成“第X条”：" + article);
            }
            result.add(new LegalBasis(law, article));
        }
        return result;
    }

    private static List<Condition> conditions(Checker c, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        c.check(node.isArray() && !node.isEmpty(), "conditions", "自查条件应是非空列表（不需要就删除此字段）");
        List<Condition> result = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode item : node) {
            c.check(item.isObject(), "conditions", "每个条件应是一个映射（id、question、law、article、ifNo）");
            item.fieldNames().forEachRemaining(name -> c.check(Set.of("id", "question", "law", "article", "ifNo").contains(name),
                    "conditions", "条件中有不认识的字段：" + name));
            String conditionId = text(item, "id");
            c.check(conditionId != null && CONDITION_ID.matcher(conditionId).matches(), "conditions",
                    "条件编号必填，只能用小写字母、数字和连字符，2–32位：" + conditionId);
            c.check(ids.add(conditionId), "conditions", "条件编号重复：" + conditionId);
            String question = text(item, "question");
            c.check(question != null && question.length() <= MAX_CHECK_QUESTION && question.endsWith("？"), "conditions",
                    "条件 " + conditionId + " 的问题必填，以“？”结尾，不超过" + MAX_CHECK_QUESTION + "字");
            String ifNo = checkText(c, item, "ifNo", "条件 " + conditionId + " 的“回答否意味着什么”（ifNo）");
            wording(c, "conditions", conditionId, question);
            wording(c, "conditions", conditionId, ifNo);
            result.add(new Condition(conditionId, question, source(c, "conditions", item, "条件 " + conditionId), ifNo));
        }
        return result;
    }

    private static List<CheckRule> outcomes(Checker c, JsonNode node, List<Condition> conditions) {
        if (node == null || node.isNull()) {
            c.check(conditions.isEmpty(), "outcomes", "有自查条件就要写 outcomes（满足哪些条件时法律怎么规定）");
            return List.of();
        }
        c.check(!conditions.isEmpty(), "outcomes", "没有自查条件（conditions）就不能写 outcomes");
        c.check(node.isArray() && !node.isEmpty(), "outcomes", "outcomes 应是非空列表");
        Set<String> known = new java.util.HashSet<>(conditions.stream().map(Condition::id).toList());
        Set<String> used = new java.util.HashSet<>();
        List<CheckRule> result = new ArrayList<>();
        int n = 0;
        for (JsonNode item : node) {
            String where = "第" + (++n) + "个结论";
            c.check(item.isObject(), "outcomes", where + "应是一个映射（outcome、requires、law、article、explanation）");
            item.fieldNames().forEachRemaining(name -> c.check(Set.of("outcome", "requires", "law", "article", "explanation").contains(name),
                    "outcomes", where + "中有不认识的字段：" + name));
            String outcomeText = text(item, "outcome");
            CheckRule.Outcome outcome = CheckRule.Outcome.fromJson(outcomeText)
                    .orElseThrow(() -> c.fail("outcomes", where + "的 outcome 只能是 no_penalty（不予处罚）或 may_be_spared（可以不予处罚）"));
            JsonNode requires = item.get("requires");
            c.check(requires != null && requires.isArray() && !requires.isEmpty(), "outcomes", where + "的 requires 应列出至少一个条件编号");
            List<String> ids = new ArrayList<>();
            for (JsonNode r : requires) {
                String id = r.isTextual() ? r.asText().strip() : "";
                c.check(known.contains(id), "outcomes", where + "引用了不存在的条件：" + id);
                ids.add(id);
            }
            used.addAll(ids);
            LegalBasis source = source(c, "outcomes", item, where);
            String explanation = checkText(c, item, "explanation", where + "的说明（explanation）");
            c.check(explanation.contains(CheckWording.articleNumber(source.article())), "outcomes",
                    where + "的说明要引用它的条文：" + source.citation());
            wording(c, "outcomes", where, explanation);
            result.add(new CheckRule(outcome, ids, source, explanation));
        }
        for (Condition condition : conditions) {
            c.check(used.contains(condition.id()), "conditions", "条件 " + condition.id() + " 没有被任何结论（outcomes）用到");
        }
        return result;
    }

    /** A check's legal source: a law and, always, an article; a check never cites a law without one. */
    private static LegalBasis source(Checker c, String field, JsonNode item, String what) {
        String law = text(item, "law");
        c.check(law != null && !law.contains("《") && !law.contains("》"), field, what + "要写 law（法规名称，不带书名号）");
        String article = text(item, "article");
        c.check(article != null && ARTICLE.matcher(article).matches(), field, what + "要写 article（条号，如“第三十三条第一款”）");
        return new LegalBasis(law, article);
    }

    private static String checkText(Checker c, JsonNode item, String field, String what) {
        String value = text(item, field);
        c.check(value != null && value.length() <= MAX_CHECK_TEXT, item.has("requires") ? "outcomes" : "conditions",
                what + "必填，不超过" + MAX_CHECK_TEXT + "字");
        return value;
    }

    private static void wording(Checker c, String field, String where, String text) {
        CheckWording.promise(text).ifPresent(p -> {
            throw c.fail(field, where + "的表述像是承诺不处罚（“" + p + "”）：请写法律怎么规定、由执法部门认定");
        });
        c.check(!PHONE.matcher(text).find(), field, where + "中不能写电话号码（只能引用12345热线）");
    }

    private static YearlyWindow window(Checker c, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || text(node, "from") == null || text(node, "to") == null) {
            throw c.fail("window", "时间窗口要写 from 和 to");
        }
        try {
            return new YearlyWindow(DayRef.parse(text(node, "from")), DayRef.parse(text(node, "to")));
        } catch (IllegalArgumentException e) {
            throw c.fail("window", e.getMessage());
        }
    }

    private static LocalDate date(Checker c, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw c.fail("reviewed", "审核日期应写成 YYYY-MM-DD：" + text);
        }
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A scalar field's text, stripped; null when absent, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** Builds exceptions that name this entry and the line of the field. */
    private record Checker(String file, String id, EntryLines lines) {
        KnowledgeBaseException fail(String field, String problem) {
            return new KnowledgeBaseException(file, lines.of(field), id, field, problem, null);
        }

        void check(boolean ok, String field, String problem) {
            if (!ok) {
                throw fail(field, problem);
            }
        }

        String required(JsonNode node, String field) {
            String value = text(node, field);
            if (value == null) {
                throw fail(field, "必填字段缺失或为空");
            }
            return value;
        }

        List<String> stringList(JsonNode node, String field, int maxLength) {
            JsonNode list = node.get(field);
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw fail(field, "应是非空列表");
            }
            List<String> result = new ArrayList<>();
            for (JsonNode item : list) {
                String value = item.isValueNode() && !item.isNull() ? item.asText().strip() : "";
                check(!value.isEmpty(), field, "列表中有空项");
                check(value.length() <= maxLength, field, "列表项不能超过" + maxLength + "字：" + value);
                result.add(value);
            }
            return result;
        }
    }
}
