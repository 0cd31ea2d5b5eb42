package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import gov.dadukou.guidance.chat.QuestionLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A realistic, reproducible question log for tests and the gaps benchmark: the knowledge base's own
 * phrasings (knowledge-base/entries/*.yaml), each asked many times with the variations businesses bring
 * (greetings, their shop and street, amounts, punctuation, spaces), and about one in four asked as a long
 * narrative of 200–500 characters (a story, partly the usual worries, partly sentences borrowed from the
 * answers) with the question at its start, in its middle or at its end. Rows come newest first, as
 * {@link QuestionLog#since} gives them. The same seed gives the same log.
 */
final class SyntheticQuestions {
    private static final String[] OPENINGS = {"", "", "请问", "你好，", "您好，请问一下", "我想咨询一下，", "麻烦问下", "老师好，"};
    private static final String[] PLACES = {"大渡口万达", "九宫庙", "春晖路", "新山村", "跳磴镇", "建胜镇", "八桥镇", "钢城大道", "松青路"};
    private static final String[] NAMES = {"张记", "老王", "李氏", "刘姐", "渝味", "巴山", "小周", "陈家", "好运来", "鑫源"};
    private static final String[] SHOPS = {"火锅店", "面馆", "烧烤店", "便利店", "奶茶店", "理发店", "五金店", "药店", "宠物店", "网吧", "小超市"};
    private static final String[] ENDINGS = {"", "？", "?", "。", "？？", "！", "呢？", "啊"};
    private static final String[] STORY = {
        "事情是这样的，", "我们是做小本生意的，", "之前也问过别人，说法都不一样，", "去年开始就一直这样，",
        "店里现在有%d个员工，", "每个月营业额大概%d万左右，", "房东那边也说不清楚，", "朋友说要去窗口问，但是我白天走不开，",
        "我们家是夫妻店，", "前几天有人来检查过一次，", "网上查了很多资料也没看明白，", "担心被罚款，",
        "听说政策%d年有变化，", "我们手续都是找中介办的，", "现在也不知道该找哪个部门，", "孩子在外地读书家里就我们两个人，"};

    private SyntheticQuestions() {
    }

    /**
     * The knowledge base's phrasings (in file order, each with its entry's number) and the sentences of its
     * answers, which long narratives borrow so that no two narratives are alike.
     */
    record Corpus(List<String> phrasings, List<Integer> entryOf, List<String> sentences) {
    }

    static Corpus corpus(Path kbDir) {
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(kbDir.resolve("entries"))) {
            List<String> phrasings = new ArrayList<>();
            List<Integer> entryOf = new ArrayList<>();
            List<String> sentences = new ArrayList<>();
            int entry = 0;
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode e : yaml.readTree(file.toFile()).path("entries")) {
                    for (JsonNode q : e.path("questions")) {
                        phrasings.add(q.asText());
                        entryOf.add(entry);
                    }
                    Arrays.stream(e.path("answer").asText().split("(?<=[。；！？])")).map(String::strip)
                            .filter(x -> x.length() >= 8).forEach(sentences::add);
                    entry++;
                }
            }
            return new Corpus(phrasings, entryOf, sentences);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A logged question and the index of the phrasing it was made from: what a perfect grouping knows. */
    record Logged(QuestionLog.Row row, int phrasing) {
    }

    /** {@code n} logged questions, newest first, drawn from {@code corpus} with {@code seed}. */
    static List<QuestionLog.Row> log(Corpus corpus, int n, long seed) {
        return generate(corpus, n, seed, 4).stream().map(Logged::row).toList();
    }

    /** As {@link #log}, but every question a long narrative: the flood of the security note. */
    static List<QuestionLog.Row> longLog(Corpus corpus, int n, long seed) {
        return generate(corpus, n, seed, 1).stream().map(Logged::row).toList();
    }

    /** As {@link #log}, each question with its source phrasing; one in {@code oneInLong} is a narrative. */
    static List<Logged> generate(Corpus corpus, int n, long seed, int oneInLong) {
        List<String> phrasings = corpus.phrasings();
        SplittableRandom random = new SplittableRandom(seed);
        // A long tail, as in real logs: a few phrasings are asked very often, most rarely.
        int popular = Math.max(1, phrasings.size() / 10);
        List<Logged> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int source = random.nextInt(2) == 0 ? random.nextInt(popular) : random.nextInt(phrasings.size());
            String phrasing = phrasings.get(source);
            String question = random.nextInt(oneInLong) == 0 ? narrative(phrasing, corpus.sentences(), random) : variant(phrasing, random);
            QuestionLog.Row row = new QuestionLog.Row(n - i, "2026-12-01T00:00:00Z", question, random.nextInt(3) == 0 ? "clarify" : "none", null, 0.1);
            out.add(new Logged(row, source));
        }
        return out;
    }

    static String variant(String phrasing, SplittableRandom random) {
        StringBuilder sb = new StringBuilder(pick(OPENINGS, random));
        if (random.nextInt(3) == 0) {
            sb.append("我在").append(pick(PLACES, random)).append("开了家").append(pick(NAMES, random)).append(pick(SHOPS, random)).append("，");
        }
        sb.append(phrasing);
        if (random.nextInt(4) == 0) {
            sb.append("，营业额一年").append(1 + random.nextInt(500)).append("万");
        }
        if (random.nextInt(5) == 0) {
            sb.insert(random.nextInt(sb.length() + 1), ' ');
        }
        return sb.append(pick(ENDINGS, random)).toString();
    }

    static String narrative(String phrasing, List<String> sentences, SplittableRandom random) {
        int target = 200 + random.nextInt(301);
        StringBuilder sb = new StringBuilder(pick(OPENINGS, random)).append("我在").append(pick(PLACES, random))
                .append("开了一家").append(pick(NAMES, random)).append(pick(SHOPS, random)).append("，");
        int askAt = random.nextInt(4); // 3: asked at the end, after the story
        for (int k = 0; sb.length() < target - phrasing.length() - 2; k++) {
            if (k == askAt && askAt < 3) {
                sb.append(phrasing).append("？");
            }
            // Mostly borrowed sentences, some of the usual story: real narratives are rarely alike.
            sb.append(random.nextInt(3) == 0 ? String.format(pick(STORY, random), 2 + random.nextInt(2025))
                    : "听说" + sentences.get(random.nextInt(sentences.size())));
        }
        if (sb.indexOf(phrasing) < 0) {
            sb.append(phrasing);
        }
        String text = sb.append(pick(ENDINGS, random)).toString();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static String pick(String[] options, SplittableRandom random) {
        return options[random.nextInt(options.length)];
    }
}
