package gov.dadukou.guidance.knowledge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the corrections of issue #12 (line-by-line legal review of the shipped base): each test fails if the
 * wrong or outdated wording comes back, and checks that the article the corrected text relies on is cited.
 * The article texts were checked against the newest versions in the LawRefBook/Laws mirror.
 */
class LegalCorrectionsTest {
    static KnowledgeBase kb;

    /** The district agencies of departments.yaml: a case story names the kind of authority, never a real office. */
    private static final List<String> DISTRICT_AGENCIES = List.of("区市场监管局", "区人力社保局", "区应急管理局", "区消防救援支队",
            "区城市管理局", "区生态环境局", "区税务局", "区公安分局", "区卫生健康委", "区文化旅游委", "区商务委", "区住房城乡建委", "区水利局",
            "区教委", "区司法局", "区医疗保障局");

    @BeforeAll
    static void load() {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
    }

    private static Entry entry(String id) {
        return kb.find(id).orElseThrow(() -> new AssertionError("missing entry " + id));
    }

    private static boolean cites(Entry e, String law, String article) {
        return e.legalBasis().stream().anyMatch(b -> b.law().equals(law) && article.equals(b.article()));
    }

    private static void assertCites(Entry e, String law, String article) {
        assertTrue(cites(e, law, article), e.id() + " must cite 《" + law + "》" + article + ", has " + e.legalBasisText());
    }

    /** The answer cut into sentences and clauses (at 。 ； and line ends). */
    private static List<String> clauses(Entry e) {
        return Arrays.stream(e.answer().split("[。；\\n]")).filter(s -> !s.isBlank()).toList();
    }

    private static Stream<Entry> typicalCases() {
        return kb.entries().stream().filter(e -> e.kind() == Kind.TYPICAL_CASE);
    }

    // ---- 1–5: wrong statements ----

    @Test
    void licenceEntryTakesTheElectronicLicenceFromTheImplementingRulesNotFromArticleThirtySix() {
        Entry e = entry("scjg-yyzz-xingmu");
        assertCites(e, "市场主体登记管理条例", "第三十六条");
        assertCites(e, "市场主体登记管理条例实施细则", "第六十四条");
        List<String> aboutElectronic = clauses(e).stream().filter(s -> s.contains("电子营业执照")).toList();
        assertFalse(aboutElectronic.isEmpty(), "the entry still says the licence includes the electronic one");
        aboutElectronic.forEach(s -> {
            assertTrue(s.contains("实施细则") && s.contains("第六十四条"), "electronic licence must be attributed to 实施细则第六十四条: " + s);
            assertFalse(s.contains("第三十六条"), "第三十六条 does not mention the electronic licence: " + s);
        });
    }

    @Test
    void refusalToSignEntrySaysTheEmployerMustTerminateAndPaysCompensationOnlyAfterTheFirstMonth() {
        Entry e = entry("rsj-ldht-weiqian-erbei-gongzi");
        String a = e.answer();
        assertFalse(a.contains("可以书面通知终止"), "实施条例第五条、第六条 say 应当, not 可以");
        assertTrue(a.contains("应当书面通知终止劳动关系"), a);
        assertTrue(a.contains("一个月内") && a.contains("超过一个月"), "must distinguish the first month from later");
        assertTrue(clauses(e).stream().anyMatch(s -> s.contains("一个月内") && s.contains("无需支付经济补偿") && s.contains("实际工作时间的劳动报酬")),
                "第五条: within a month no compensation, but pay for the time worked");
        assertTrue(clauses(e).stream().anyMatch(s -> s.contains("超过一个月") && s.contains("第四十七条") && s.contains("经济补偿")),
                "第六条: after a month, compensation under 劳动合同法第四十七条");
        assertCites(e, "劳动合同法实施条例", "第五条");
        assertCites(e, "劳动合同法实施条例", "第六条");
    }

    @Test
    void fapiaoEntrySaysFinesUpToTenThousandYuanAreOptional() {
        Entry e = entry("sw-fapiao-jinzhi-xukai");
        String a = e.answer();
        assertFalse(a.contains("没收违法所得并处罚款"), "the fine is not mandatory for every 虚开");
        assertTrue(a.contains("虚开金额在1万元以下的，可以并处5万元以下的罚款"), a);
        assertTrue(a.contains("虚开金额超过1万元的，并处5万元以上50万元以下的罚款"), a);
        assertTrue(a.contains("构成犯罪的，依法追究刑事责任"), a);
        assertCites(e, "发票管理办法", "第二十一条");
        assertCites(e, "发票管理办法", "第三十五条");
    }

    @Test
    void depositEntryReturnsTwiceTheDepositOnlyWhenThePurposeOfTheContractFails() {
        Entry e = entry("tx-chunjie-jiage-nianyefan");
        List<String> twice = clauses(e).stream().filter(s -> s.contains("双倍返还定金")).toList();
        assertFalse(twice.isEmpty(), "the entry should still explain the double return");
        twice.forEach(s -> assertTrue(s.contains("致使不能实现合同目的"), "民法典第五百八十七条's condition is missing: " + s));
        assertCites(e, "民法典", "第五百八十七条");
    }

    @Test
    void qualityEntryDoesNotAttributeThreeGuaranteesToArticleForty() {
        Entry e = entry("scjg-zhiliang-tuihuan-xiuli");
        String a = e.answer();
        for (String kept : List.of("退货", "更换、修理", "三包", "7日内")) {
            assertTrue(a.contains(kept), "the answer should still say " + kept);
        }
        clauses(e).stream().filter(s -> s.contains("三包"))
                .forEach(s -> assertFalse(s.contains("第四十条"), "三包 is not in 产品质量法第四十条: " + s));
        assertTrue(clauses(e).stream().anyMatch(s -> s.contains("第四十条") && s.contains("使用性能") && s.contains("产品标准")
                && s.contains("实物样品")), "cite 第四十条 for its three situations");
        assertCites(e, "产品质量法", "第四十条");
        assertCites(e, "消费者权益保护法", "第二十四条");
    }

    // ---- 6–8: outdated ----

    @Test
    void noEntryLabelsTheFoodSafetyLawWithTheSupersededTwentyTwentyOneAmendment() throws IOException {
        kb.entries().forEach(e -> {
            String text = e.title() + e.answer() + e.legalBasisText();
            assertFalse(text.contains("2021年修正"), e.id());
        });
        String foodFile = Files.readString(Path.of("knowledge-base/entries/food-equipment-health.yaml"), StandardCharsets.UTF_8);
        assertFalse(foodFile.contains("2021年修正"), "header comment of food-equipment-health.yaml");
    }

    @Test
    void noEntryCitesTheExpiredRuleOfLawImplementationOutline() {
        kb.entries().forEach(e -> {
            String text = e.title() + e.answer() + e.legalBasisText();
            assertFalse(text.contains("法治政府建设实施纲要"), e.id());
        });
        for (String id : List.of("xzzd-shenme-shi-xingzheng-zhidao", "xzzd-fangshi-yi-an-shi-fa")) {
            assertFalse(entry(id).legalBasis().isEmpty(), id);
        }
    }

    @Test
    void everyEntryCitingTheFoodSafetyLawAwaitsCheckAgainstTheTwentyTwentyFiveText() {
        Set<String> unchecked = new TreeSet<>();
        kb.entries().stream()
                .filter(e -> e.answer().contains("《食品安全法》") || e.legalBasis().stream().anyMatch(b -> b.law().equals("食品安全法")))
                .filter(e -> !e.needsVerification() || !(e.verify().contains("食品安全法") && e.verify().contains("2025")))
                .forEach(e -> unchecked.add(e.id()));
        assertTrue(unchecked.isEmpty(), "cite 食品安全法 without a verify note on its 2025 amendment: " + unchecked);
        String coldChain = entry("spaq-lenglian-wendu-chucun").verify();
        assertTrue(coldChain.contains("第三十三条") && coldChain.contains("第一百三十二条") && coldChain.contains("散装运输"), coldChain);
    }

    // ---- smaller improvements ----

    @Test
    void onTheSpotPenaltyEntriesSayReviewComesBeforeCourtUnderArticleTwentyThree() {
        for (String id : List.of("xzcf-51-dangchang-chufa", "xzcf-susong-6geyue")) {
            Entry e = entry(id);
            assertCites(e, "行政复议法", "第二十三条");
            assertTrue(clauses(e).stream().anyMatch(s -> s.contains("当场") && s.contains("先") && s.contains("行政复议")), id);
        }
    }

    @Test
    void socialInsuranceRegistrationEntryStatesThePenaltyForNotRegistering() {
        Entry e = entry("rsj-shebao-sanshiri-dengji");
        assertCites(e, "社会保险法", "第八十四条");
        String a = e.answer();
        assertTrue(a.contains("一倍以上三倍以下") && a.contains("500元以上3000元以下"), a);
        for (String kept : List.of("补足", "滞纳金", "代扣代缴")) {
            assertTrue(a.contains(kept), "the answer should still say " + kept);
        }
    }

    @Test
    void packagingEntriesStateTheFinesOfArticleOneHundredAndFive() {
        for (String id : List.of("tx-duanwu-zongzi-baozhuang", "tx-zhongqiu-yuebing-baozhuang")) {
            Entry e = entry(id);
            assertCites(e, "固体废物污染环境防治法", "第一百零五条");
            assertTrue(e.answer().contains("拒不改正的，处2000元以上2万元以下的罚款"), id);
            assertTrue(e.answer().contains("情节严重的，处2万元以上10万元以下的罚款"), id);
            assertFalse(e.answer().contains("依法处罚款"), id);
            assertTrue(e.needsVerification(), id + ": the GB 23350 figures still await checking");
        }
    }

    @Test
    void fraudCompensationEntryKeepsTheFoodLabelProvisoOfArticleOneHundredFortyEight() {
        Entry e = entry("scjg-qizha-sanbei-peichang");
        String a = e.answer();
        for (String kept : List.of("欺诈行为", "3倍", "500元")) {
            assertTrue(a.contains(kept), "the answer should still say " + kept);
        }
        assertTrue(a.contains("标签、说明书存在不影响食品安全且不会对消费者造成误导的瑕疵的除外"), a);
        assertCites(e, "食品安全法", "第一百四十八条");
    }

    @Test
    void everyTypicalCaseTitleSaysItIsIllustrative() {
        typicalCases().forEach(e -> assertTrue(e.title().startsWith("（说明性案例）"), e.id() + ": " + e.title()));
    }

    @Test
    void typicalCaseAnswersNameNoDistrictAgencyAsTheActor() {
        Set<String> agencies = new TreeSet<>(DISTRICT_AGENCIES);
        kb.departments().forEach(d -> agencies.add(d.name()));
        typicalCases().forEach(e -> agencies.forEach(a ->
                assertFalse(e.answer().contains(a), e.id() + " names " + a + "; write the kind of authority (市场监管部门 …) instead")));
    }

    @Test
    void correctedEntriesCarryTheReviewDate() {
        for (String id : List.of("scjg-yyzz-xingmu", "rsj-ldht-weiqian-erbei-gongzi", "sw-fapiao-jinzhi-xukai", "tx-chunjie-jiage-nianyefan",
                "scjg-zhiliang-tuihuan-xiuli", "spaq-yubaozhuang-beian-nongchanpin", "spaq-lenglian-wendu-chucun",
                "xzzd-shenme-shi-xingzheng-zhidao", "xzzd-fangshi-yi-an-shi-fa")) {
            Entry e = entry(id);
            assertNotNull(e.reviewed(), id);
            assertFalse(e.reviewed().isBefore(java.time.LocalDate.of(2026, 12, 2)), id + " reviewed " + e.reviewed());
        }
    }
}
