package gov.dadukou.guidance.knowledge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads and validates a knowledge-base directory ({@code departments.yaml}, {@code topics.yaml},
 * {@code entries/*.yaml}). All or nothing: any problem throws a {@link KnowledgeBaseException} naming
 * the file, entry and field, and no partial base is ever returned. Stateless and thread-safe.
 */
public final class KnowledgeBaseLoader {
    /** A key written twice in one mapping is an error: otherwise the last one silently wins and the curator never sees it. */
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private KnowledgeBaseLoader() {
    }

    public static KnowledgeBase load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new KnowledgeBaseException(dir.toString(), null, null, "知识库目录不存在");
        }
        MessageDigest digest = sha256();
        List<Department> departments = departments(dir, digest);
        List<String> topics = topics(dir, digest);
        EntryParser parser = new EntryParser(
                departments.stream().map(Department::name).collect(java.util.stream.Collectors.toSet()), Set.copyOf(topics));

        List<Entry> entries = new ArrayList<>();
        Map<String, String> idToFile = new HashMap<>();
        Map<String, EntryLines> idToLines = new HashMap<>();
        Map<String, String> phrasingToId = new HashMap<>();
        for (Path file : entryFiles(dir)) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            Parsed parsed = parse(dir, file, digest);
            JsonNode list = parsed.root().get("entries");
            if (list == null || !list.isArray()) {
                throw new KnowledgeBaseException(name, null, "entries", "文件顶层应是 entries: 列表");
            }
            List<EntryLines> lines = entryLines(name, parsed.text());
            int position = 0;
            for (JsonNode node : list) {
                EntryLines at = position < lines.size() ? lines.get(position) : EntryLines.UNKNOWN;
                Entry entry = parser.parse(name, ++position, node, at);
                String previous = idToFile.putIfAbsent(entry.id(), name);
                if (previous != null) {
                    throw new KnowledgeBaseException(name, at.of("id"), entry.id(), "id", "编号重复，已在 " + previous + " 中使用", null);
                }
                idToLines.put(entry.id(), at);
                for (String question : entry.questions()) {
                    String other = phrasingToId.putIfAbsent(phrasingKey(question), entry.id());
                    if (other != null) {
                        throw new KnowledgeBaseException(name, at.of("questions"), entry.id(), "questions",
                                other.equals(entry.id()) ? "问法重复：" + question : "问法与条目 " + other + " 重复：" + question, null);
                    }
                }
                entries.add(entry);
            }
        }
        if (entries.isEmpty()) {
            throw new KnowledgeBaseException(dir.resolve("entries").toString(), null, null, "没有任何条目");
        }
        for (Entry entry : entries) {
            for (String other : entry.related()) {
                if (!idToFile.containsKey(other)) {
                    throw new KnowledgeBaseException(entry.sourceFile(), idToLines.get(entry.id()).of("related"), entry.id(), "related",
                            "相关条目不存在：" + other, null);
                }
            }
        }
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new KnowledgeBase(entries, departments, topics, version);
    }

    /** Two phrasings that differ only in punctuation, spacing or letter case are the same phrasing. */
    static String phrasingKey(String question) {
        return question.replaceAll("[\\p{P}\\p{S}\\s]", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static List<Department> departments(Path dir, MessageDigest digest) {
        String name = "departments.yaml";
        JsonNode list = read(dir, dir.resolve(name), digest).get("departments");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new KnowledgeBaseException(name, null, "departments", "应是非空列表");
        }
        List<Department> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode node : list) {
            String department = EntryParser.text(node, "name");
            String contact = EntryParser.text(node, "contact");
            if (department == null || contact == null) {
                throw new KnowledgeBaseException(name, department, department == null ? "name" : "contact", "必填字段缺失或为空");
            }
            if (!seen.add(department)) {
                throw new KnowledgeBaseException(name, department, "name", "单位重复");
            }
            result.add(new Department(department, contact));
        }
        return result;
    }

    private static List<String> topics(Path dir, MessageDigest digest) {
        String name = "topics.yaml";
        JsonNode list = read(dir, dir.resolve(name), digest).get("topics");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new KnowledgeBaseException(name, null, "topics", "应是非空列表");
        }
        Set<String> result = new LinkedHashSet<>();
        for (JsonNode node : list) {
            String topic = node.isTextual() ? node.asText().strip() : "";
            if (topic.isEmpty() || !result.add(topic)) {
                throw new KnowledgeBaseException(name, topic, "topics", "主题为空或重复");
            }
        }
        return List.copyOf(result);
    }

    private static List<Path> entryFiles(Path dir) {
        Path entries = dir.resolve("entries");
        if (!Files.isDirectory(entries)) {
            throw new KnowledgeBaseException("entries/", null, null, "缺少 entries 目录");
        }
        try (Stream<Path> files = Files.list(entries)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new KnowledgeBaseException("entries/", null, null, "无法读取目录：" + e.getMessage(), e);
        }
    }

    private static JsonNode read(Path dir, Path file, MessageDigest digest) {
        return parse(dir, file, digest).root();
    }

    /** A file's text and its tree. */
    private record Parsed(String text, JsonNode root) {
    }

    private static Parsed parse(Path dir, Path file, MessageDigest digest) {
        String name = dir.relativize(file).toString().replace('\\', '/');
        try {
            byte[] bytes = Files.readAllBytes(file);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            JsonNode root = YAML.readTree(text);
            if (root == null || !root.isObject()) {
                throw new KnowledgeBaseException(name, null, null, "文件为空或顶层不是映射");
            }
            return new Parsed(text, root);
        } catch (JacksonException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            String original = String.valueOf(e.getOriginalMessage());
            String problem = original.startsWith("Duplicate field ")
                    ? "同一条目（映射）中字段重复，只能写一次：" + original.substring("Duplicate field ".length()).replace("'", "")
                    : "YAML 格式错误：" + original;
            throw new KnowledgeBaseException(name, line, null, null, problem, e);
        } catch (IOException e) {
            throw new KnowledgeBaseException(name, null, null, "无法读取文件：" + e.getMessage(), e);
        }
    }

    /** Positions of the file's entries; the text has parsed once already, so failing here is a bug, not the curator's. */
    private static List<EntryLines> entryLines(String name, String text) {
        try {
            return EntryLines.read(text);
        } catch (IOException e) {
            throw new KnowledgeBaseException(name, null, null, "无法定位条目所在行：" + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        return gov.dadukou.guidance.Hashing.sha256();
    }
}
