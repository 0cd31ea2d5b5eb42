package gov.dadukou.guidance.search;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden readings of what a question is about: lost documents by name and in either order, personal procedures. */
class SubjectsTest {
    private static List<String> lost(String question) {
        return Subjects.lostDocuments(TextNormalizer.normalize(question));
    }

    private static List<String> personal(String question) {
        return new Subjects(QuestionReader.read(TextNormalizer.normalize(question)), null).personal();
    }

    @Test
    void aLostDocumentIsNamedWithoutTheWordsAroundIt() {
        Map<String, String> golden = Map.of(
                "医保卡丢了怎么补办", "医保卡",
                "我的身份证不小心弄丢了", "身份证",
                "店里营业执照正本遗失了", "营业执照",
                "健康证怎么补办", "健康证",
                "我的食品经营许可证被老鼠咬坏了", "食品经营许可证",
                "公章丢了要登报吗", "公章",
                "户口本丢了怎么补", "户口本",
                "丢了营业执照怎么办", "营业执照",
                "遗失了营业执照要怎么补", "营业执照");
        golden.forEach((question, document) -> assertEquals(List.of(document), lost(question), question));
    }

    @Test
    void everyLostDocumentOfAStoryIsRead() {
        assertEquals(List.of("银行卡", "身份证"), lost("今天在公交车上把身份证和银行卡一起掉了，银行卡已经挂失了，身份证要去哪里补办"));
    }

    /** A prepaid card, a punch card, a machine that jams or a photo is no document to replace. */
    @Test
    void noDocumentIsReadWhereNoneIsLost() {
        for (String question : List.of("营业执照要挂出来吗", "老板根本找不到了工资怎么办", "社保断缴了可以补办吗", "健康证过期了还能上班吗",
                "手机丢了咋个挂失号码", "烧烤店要办健康证吗", "健身房会员卡老板跑路找不到了怎么维权", "员工考勤打卡记录找不到了加班费怎么算",
                "手指被机器卡坏了算工伤吗", "顾客拍照把商品碰坏了要赔吗", "员工工资卡丢了工资怎么发")) {
            assertEquals(List.of(), lost(question), question);
        }
    }

    @Test
    void personalProceduresAreNamedAndBusinessQuestionsThatShareAWordAreNot() {
        assertEquals(List.of("结婚登记"), personal("结婚登记需要带什么材料"));
        assertEquals(List.of("户口迁", "公积金提取"), personal("户口迁过来以后公积金提取要多久"));
        for (String question : List.of("办营业执照要带户口本吗", "旅馆住客用护照入住要登记吗", "员工结婚有几天婚假", "给员工交公积金是强制的吗")) {
            assertEquals(List.of(), personal(question), question);
        }
    }

    private static EntryIndex.Vocabulary entryAsking(String... phrasings) {
        return new EntryIndex.Vocabulary(java.util.Set.of(), java.util.Set.of(), List.of(phrasings), List.of(), false, false, false);
    }

    private static boolean other(String question, String context, EntryIndex.Vocabulary entry) {
        String before = context == null ? null : TextNormalizer.normalize(context);
        String normalized = TextNormalizer.normalize(question);
        return new Subjects(QuestionReader.read(normalized), before, normalized).otherThan(entry);
    }

    @Test
    void anEntryOnReplacingALicenceIsForQuestionsThatLoseTheLicence() {
        EntryIndex.Vocabulary licence = entryAsking("营业执照弄丢了要怎么重新办一张", "执照原件找不到了要不要登报挂失");
        for (String question : List.of("营业执照丢了怎么补办", "丢了营业执照怎么办", "营业执照的正本和副本都丢了", "公司营业执照正本遗失了")) {
            assertEquals(false, other(question, null, licence), question);
        }
        for (String question : List.of("医保卡丢了怎么补办", "手机丢了咋个挂失号码", "身份证丢了怎么补办")) {
            assertEquals(true, other(question, null, licence), question);
        }
    }

    /** "那补办要多久" alone names no document; after "营业执照丢了" it is about the licence. */
    @Test
    void aFollowUpIsAboutTheDocumentTheTurnBeforeLost() {
        EntryIndex.Vocabulary licence = entryAsking("营业执照弄丢了要怎么重新办一张");
        assertEquals(true, other("那补办要多久", null, licence));
        assertEquals(false, other("那补办要多久", "营业执照丢了", licence));
    }

    /** Naming a document is not asking how to replace it: the case about working without one is about another thing. */
    @Test
    void anEntryThatOnlyNamesTheLostDocumentIsAboutAnotherThing() {
        EntryIndex.Vocabulary withoutCertificate = entryAsking("员工没健康证被检查到了怎么办");
        assertEquals(true, other("健康证丢了怎么补办", null, withoutCertificate));
        assertEquals(false, other("员工没有健康证能上班吗", null, withoutCertificate));
    }

    /** An entry about minors (its title says so) is another subject for a question that names no young person. */
    @Test
    void anEntryAboutMinorsIsForQuestionsThatNameAYoungPersonAnAgeOrASchool() {
        EntryIndex.Vocabulary minors = entryAsking("初中生来店里买几千块的金项链能卖吗", "未成年人购物：与年龄、智力相适应的有效，超出的须经家长同意");
        for (String question : List.of("初中生来店里买金项链能卖吗", "13岁的孩子买了三千块的手机能退吗", "来了几个说自己成年了的小年轻",
                "学校门口的小卖部能卖烟吗")) {
            assertEquals(false, other(question, null, minors), question);
        }
        for (String question : List.of("商场买的金项链说是足金，拿去检测含金量不够，怎么办", "买的手机没有质量问题能退吗")) {
            assertEquals(true, other(question, null, minors), question);
        }
        EntryIndex.Vocabulary jewellery = entryAsking("金项链含金量不足怎么办", "销售者不得以假充真、以次充好");
        assertEquals(false, other("商场买的金项链说是足金，拿去检测含金量不够，怎么办", null, jewellery));
    }

    /** The traffic-accident referral is for questions about vehicles or roads, not for every injury and compensation. */
    @Test
    void aRoadTrafficEntryIsForQuestionsThatNameAVehicleOrARoad() {
        EntryIndex.Vocabulary accident = entryAsking("交通事故的赔偿双方谈不拢怎么办", "道路交通事故：有人受伤要立即报警；赔偿有争议可以请交警部门调解");
        for (String question : List.of("早上倒车把别人的车蹭了，对方要我赔两千", "骑电动车撞了行人怎么处理", "交警出了认定书我不服")) {
            assertEquals(false, other(question, null, accident), question);
        }
        assertEquals(true, other("我弟弟打架把人打成轻伤二级，对方要赔偿才肯谅解", null, accident));
    }
}
