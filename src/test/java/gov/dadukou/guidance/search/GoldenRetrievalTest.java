package gov.dadukou.guidance.search;

import gov.dadukou.guidance.ShippedAssistant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden retrieval: for each line of golden-retrieval.tsv, a question that is none of the entry's own
 * phrasings must rank that entry first. One question per entry, over 200 entries.
 */
class GoldenRetrievalTest {
    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    @Test
    void paraphrasedQuestionsFindTheirEntryFirst() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(Path.of("src/test/resources/golden-retrieval.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            String question = parts[0];
            String expected = parts[1];
            assertTrue(shipped.get().entries().get(expected).isPresent(), "golden file names a missing entry " + expected);
            assertTrue(shipped.get().entries().get(expected).get().questions().stream().noneMatch(question::equals),
                    "golden question must not be one of the entry's phrasings: " + question);
            SearchResult result = shipped.get().retriever().search(question);
            String top = result.hits().isEmpty() ? "(none)" : result.hits().get(0).entryId();
            if (!top.equals(expected)) {
                failures.add(question + " -> " + top + " (expected " + expected + ")");
            }
            checked++;
        }
        assertTrue(checked >= 60, "at least 60 entries are covered, got " + checked);
        assertTrue(failures.isEmpty(), failures.size() + " golden questions regressed:\n" + String.join("\n", failures));
    }

    @Test
    void traditionalCharactersFindTheSameEntryAsSimplified() {
        String simplified = shipped.get().retriever().search("营业执照要挂出来吗").hits().get(0).entryId();
        String traditional = shipped.get().retriever().search("營業執照要掛出來嗎").hits().get(0).entryId();
        assertTrue(simplified.equals(traditional), simplified + " vs " + traditional);
    }

    /**
     * A business named as the setting of a question ("我开了个小超市，…") is not what it asks: the overview of
     * opening such a business must not come first unless the question asks about opening, licences or procedures.
     * Nor does the district's own name decide anything: every question here is asked in Dadukou.
     */
    @Test
    void aBusinessNamedAsTheSettingDoesNotMakeItsOverviewTheAnswerButAskingHowToOpenOneDoes() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("我做网店卖零食，加班工资怎么算", "rsj-jiaban-gongzi-biaozhun");
        // "社保什么时候交" alone may be the owner's own insurance (rsj-geti-linghuo-jiuye-shebao): the staff's is asked here.
        expected.put("我开了个小超市，店员的社保什么时候交", "rsj-shebao-sanshiri-dengji");
        expected.put("我开了家理发店，油烟要怎么处理", "sthj-canyin-youyan-jinghua");
        expected.put("我在大渡口开了家火锅店，要办哪些证", "scjg-kaiban-canyindian-shouxu");
        expected.put("想开个小超市，要跑哪些手续", "scjg-kaiban-bianlidian-shouxu");
        expected.put("我想做网店卖零食，需要准备什么", "scjg-kaiban-wangdian-zhibo-shouxu");
        expected.put("开网店有哪些规矩要守", "scjg-kaiban-wangdian-zhibo-shouxu");
        expected.put("我开了家网吧，要办健康证吗", "spaq-jiankang-zhengming"); // one named certificate: its own entry
        expected.put("开个药店要办哪些证", "scjg-kaiban-tongyong-zhengzhao");
        List<String> failures = new ArrayList<>();
        expected.forEach((question, entry) -> {
            String top = shipped.get().retriever().search(question).hits().get(0).entryId();
            if (!top.equals(entry)) {
                failures.add(question + " -> " + top + " (expected " + entry + ")");
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Whose insurance "社保什么时候交" asks about is not said: both the staff's and the owner's own entry come first. */
    @Test
    void anOwnersQuestionAboutInsuranceThatDoesNotSayWhoseGetsBothEntriesFirst() {
        List<String> first = shipped.get().retriever().search("我开了个小超市，社保什么时候交").hits().stream()
                .limit(3).map(SearchHit::entryId).toList();
        assertTrue(first.containsAll(List.of("rsj-shebao-sanshiri-dengji", "rsj-geti-linghuo-jiuye-shebao")), first.toString());
    }

    /**
     * The same over every pairing of sixteen kinds of business with sixteen everyday asks that are not about opening
     * one (the word lists of bench/chat-new.lua): no overview of opening a business comes first. Without the overview
     * prior, 25 of these 256 questions had one first.
     */
    @Test
    void noEverydayAskInTheSettingOfABusinessIsAnsweredWithAnOverviewOfOpeningOne() {
        List<String> businesses = List.of("开了家火锅店", "开了个小超市", "做网店卖零食", "开了家理发店", "开了个五金店", "开了家奶茶店",
                "开了个汽修厂", "开了家宾馆", "开了个培训班", "开了家药店", "做装修公司", "开了家网吧", "开了个水果摊", "开了家面馆",
                "做外卖烧烤", "开了家服装店");
        List<String> asks = List.of("年报什么时候报", "没按时年报会怎样", "商品标价有什么要求", "招人要签劳动合同吗", "试用期最长多久",
                "社保什么时候交", "加班工资怎么算", "要配几个灭火器", "门口能摆摊吗", "店招要不要审批", "顾客要发票怎么办",
                "油烟要怎么处理", "第一次被查到会罚款吗", "罚款不服怎么申请复议", "广告里能写最好吗", "退货有什么规定");
        List<String> failures = new ArrayList<>();
        for (String business : businesses) {
            for (String ask : asks) {
                String question = "我" + business + "，" + ask;
                String top = shipped.get().retriever().search(question).hits().get(0).entryId();
                if (!shipped.get().entries().get(top).orElseThrow().related().isEmpty()) {
                    failures.add(question + " -> " + top);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of 256 answered with an overview:\n" + String.join("\n", failures));
    }
}
