package gov.dadukou.guidance.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic knowledge base of any size for benchmarks (issue 18: 2,500 and 25,000 entries), made from a real
 * one: every synthetic entry takes a real entry's kind, department, method, legal basis, topics, review date and
 * window, its phrasings with a pair of terms from the real titles woven in (so phrasings are unique and the
 * vocabulary is the real one), and an answer of about the real answer's length, its conclusion followed by
 * sentences drawn from other real answers. Deterministic: the same base, size and seed give the same files.
 *
 * <p>Never mistakable for real content: ids start with {@value #ID_PREFIX}, files are {@code entries/synthetic-*.yaml},
 * every answer starts with {@value #ANSWER_MARK}, every entry carries a {@code verify} note saying it must not be
 * published, and the directory gets a README saying so. The output passes {@link KnowledgeBaseLoader}'s
 * validation (the caller should load it to prove that). Stateless.
 */
public final class SyntheticKnowledgeBase {
    public static final String ID_PREFIX = "synth-";
    public static final String ANSWER_MARK = "【合成测试数据，非真实答复】";
    static final String VERIFY_NOTE = "合成测试数据：仅用于性能测试，不是真实内容，不得发布";
    /** Entries per file: about the size of the shipped files. */
    static final int PER_FILE = 100;
    private static final int MAX_TITLE = 80;
    private static final int MAX_ANSWER = 3000;

    private SyntheticKnowledgeBase() {
    }

    /**
     * Writes a base of {@code count} synthetic entries into {@code out} (created if needed; existing entry files
     * there are replaced): {@code departments.yaml} and {@code topics.yaml} as in {@code real}, {@code synonyms.txt}
     * copied from {@code realDir} when present, the entries, and a README.
     *
     * @return the entries written
     * @throws IllegalArgumentException when {@code count} is not positive or {@code real} is too small to recombine
     */
    public static List<Entry> write(KnowledgeBase real, Path realDir, int count, long seed, Path out) {
        List<Entry> entries = generate(real, count, seed);
        try {
            Files.createDirectories(out.resolve("entries"));
            try (var old = Files.newDirectoryStream(out.resolve("entries"), "*.yaml")) {
                for (Path file : old) {
                    Files.delete(file);
                }
            }
            KnowledgeBaseExporter.export(real.departments(), real.topics(), entries, out);
            Path synonyms = realDir.resolve("synonyms.txt");
            if (Files.isRegularFile(synonyms)) {
                Files.copy(synonyms, out.resolve("synonyms.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(out.resolve("README.md"), readme(count, seed), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic knowledge base to " + out, e);
        }
        return entries;
    }

    /** The synthetic entries, in memory (see the class comment). */
    public static List<Entry> generate(KnowledgeBase real, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        List<Entry> bases = real.entries();
        List<String> terms = terms(bases);
        List<String> sentences = sentences(bases);
        if (terms.size() < 2 || sentences.isEmpty()) {
            throw new IllegalArgumentException("the real knowledge base is too small to recombine");
        }
        Random random = new Random(seed);
        List<long[]> pairs = pairs(terms.size(), count, random);
        Set<String> phrasingKeys = new HashSet<>();
        List<Entry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Entry base = bases.get(random.nextInt(bases.size()));
            String first = terms.get((int) pairs.get(i)[0]);
            String second = terms.get((int) pairs.get(i)[1]);
            String id = ID_PREFIX + String.format("%05d-", i) + base.id();
            if (id.length() > 64) {
                id = id.substring(0, 64).replaceAll("-+$", "");
            }
            String title = clip(base.title() + "（" + first + "、" + second + "）", MAX_TITLE);
            List<String> questions = new ArrayList<>();
            for (int q = 0; q < base.questions().size(); q++) {
                String phrasing = phrasing(base.questions().get(q), first, second, q);
                if (!phrasingKeys.add(KnowledgeBaseLoader.phrasingKey(phrasing))) {
                    phrasing = phrasing + "（" + i + "）"; // rare: two pairs of terms that read the same
                    phrasingKeys.add(KnowledgeBaseLoader.phrasingKey(phrasing));
                }
                questions.add(phrasing);
            }
            String file = String.format("entries/synthetic-%03d.yaml", i / PER_FILE);
            out.add(new Entry(id, base.kind(), title, questions, answer(base, sentences, random), base.department(),
                    base.methodOpt().orElse(null), base.legalBasis(), null, base.reviewed(), base.topics(), VERIFY_NOTE,
                    base.windowOpt().orElse(null), List.of(), file));
        }
        return out;
    }

    /** A real phrasing with the entry's two terms woven in, in one of four ways (colloquial, like the real ones). */
    private static String phrasing(String question, String first, String second, int variant) {
        String q = question.strip();
        return switch (variant % 4) {
            case 0 -> first + "和" + second + "，" + q;
            case 1 -> "关于" + first + second + "，" + q;
            case 2 -> q + "（" + first + "、" + second + "）";
            default -> "问一下" + first + "跟" + second + "：" + q;
        };
    }

    /** The real answer's first sentence (its conclusion), then other answers' sentences up to about its length. */
    private static String answer(Entry base, List<String> sentences, Random random) {
        List<String> own = split(base.answer());
        int target = Math.min(base.answer().length(), MAX_ANSWER - ANSWER_MARK.length() - 200);
        StringBuilder answer = new StringBuilder(ANSWER_MARK).append(own.isEmpty() ? "" : own.get(0));
        while (answer.length() - ANSWER_MARK.length() < target) {
            answer.append(sentences.get(random.nextInt(sentences.size())));
        }
        return clip(answer.toString(), MAX_ANSWER);
    }

    /**
     * Terms of the real titles: their parts between punctuation and 的/和/与/及, 2 to 8 characters, de-duplicated,
     * in the order met.
     */
    static List<String> terms(List<Entry> entries) {
        Set<String> terms = new LinkedHashSet<>();
        for (Entry e : entries) {
            for (String part : e.title().split("[\\p{P}\\p{S}\\s的和与及或]+")) {
                if (part.length() >= 2 && part.length() <= 8 && !part.matches(".*\\d.*")) {
                    terms.add(part);
                }
            }
        }
        return List.copyOf(terms);
    }

    /** Every sentence of the real answers (ending with its 。！？; line breaks dropped), de-duplicated, in order. */
    private static List<String> sentences(List<Entry> entries) {
        Set<String> all = new LinkedHashSet<>();
        entries.forEach(e -> all.addAll(split(e.answer())));
        return List.copyOf(all);
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("(?<=[。！？\\n])")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** {@code count} distinct ordered pairs of different term positions below {@code terms}, shuffled. */
    private static List<long[]> pairs(int terms, int count, Random random) {
        long available = (long) terms * (terms - 1);
        if (count > available) {
            throw new IllegalArgumentException("at most " + available + " synthetic entries from this base");
        }
        Set<Long> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            int a = random.nextInt(terms);
            int b = random.nextInt(terms);
            if (a != b) {
                chosen.add((long) a * terms + b);
            }
        }
        List<long[]> out = new ArrayList<>(count);
        chosen.forEach(p -> out.add(new long[]{p / terms, p % terms}));
        Collections.shuffle(out, random);
        return out;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String readme(int count, long seed) {
        return """
                # 合成测试知识库 / SYNTHETIC knowledge base — NOT real content

                本目录由 `java -jar guidance-assistant.jar synth-kb --entries %d --seed %d` 生成，只用于性能测试
                （issue 18）。条目是把真实知识库的问法、标题用语和答案句子重新组合而成，内容不真实，不得发布或用于答复群众。

                Made by `synth-kb --entries %d --seed %d` for benchmarks only (issue 18): real phrasings, title terms and
                answer sentences recombined. Every id starts with `%s`, every answer with `%s`, every entry has a
                `verify` note. Never publish it, never serve it to the public.
                """.formatted(count, seed, count, seed, ID_PREFIX, ANSWER_MARK);
    }
}
