package gov.dadukou.guidance.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden readings of Chinese questions: the ask found in a story, specifics set aside, the language told. */
class QuestionReaderTest {
    private static QuestionReader.Reading read(String q) {
        return QuestionReader.read(TextNormalizer.normalize(q));
    }

    @Test
    void theAskIsFoundInsideAStory() {
        QuestionReader.Reading r = read("我在一家饭馆做了半年服务员，上个月老板说生意不好让我走人，工资也没结，这种情况怎么办？");
        assertEquals("工资也没结，这种情况怎么办", r.ask());
        assertTrue(r.hasNarrative());
    }

    @Test
    void aShortQuestionIsItsOwnAsk() {
        QuestionReader.Reading r = read("营业执照要挂出来吗");
        assertEquals(r.text(), r.ask());
        assertFalse(r.hasNarrative());
    }

    @Test
    void datesAmountsAndMaskedNamesAreSetAside() {
        QuestionReader.Reading r = read("我2023年5月12日在xx超市花了35.5元买的面包发霉了");
        assertFalse(r.text().contains("2023"), r.text());
        assertFalse(r.text().contains("35"), r.text());
        assertFalse(r.text().contains("xx"), r.text());
        assertTrue(r.text().contains("超市") && r.text().contains("面包发霉"), r.text());
    }

    @Test
    void latinWordsInAChineseQuestionDoNotMakeItForeign() {
        assertFalse(read("15岁能不能去KTV唱歌").foreign());
        assertFalse(read("在app上买的东西能七天无理由退货吗").foreign());
    }

    @Test
    void englishAndHangulAreForeign() {
        QuestionReader.Reading english = read("Do I need a licence to open a restaurant?");
        assertTrue(english.foreign());
        assertTrue(english.latin());
        QuestionReader.Reading hangul = read("영업 허가증이 필요한가요");
        assertTrue(hangul.foreign());
        assertFalse(hangul.latin());
    }

    @Test
    void aPlaceElsewhereIsNamedWhenTheAskIsAboutItsRules() {
        assertEquals("上海", QuestionReader.placeElsewhere(read("上海的垃圾分类怎么分")));
        assertEquals("广州", QuestionReader.placeElsewhere(read("广州市的最低工资标准是多少")));
        assertEquals("成都", QuestionReader.placeElsewhere(read("成都政策对个体户有没有补贴")));
        assertEquals("北京", QuestionReader.placeElsewhere(read("我在北京开的餐馆，北京的控烟条例怎么规定的")));
        assertEquals("深圳", QuestionReader.placeElsewhere(read("在深圳注册公司可以用虚拟地址吗")));
        assertEquals("广东", QuestionReader.placeElsewhere(read("产假是多少天啊 广东的")));
        assertEquals("杭州", QuestionReader.placeElsewhere(read("最低工资标准现在是多少，杭州的")));
    }

    @Test
    void aStoryThatHappensElsewhereOrATripThereNamesNoSuchPlace() {
        assertNull(QuestionReader.placeElsewhere(read("我在郑州一家医院上班，入职两个月没签合同，能要双倍工资吗")));
        assertNull(QuestionReader.placeElsewhere(read("我在北京开的餐馆被罚了五千，合法吗")));
        assertNull(QuestionReader.placeElsewhere(read("重庆到成都的高铁几点有车")));
        assertNull(QuestionReader.placeElsewhere(read("重庆的最低工资是多少")));
        assertNull(QuestionReader.placeElsewhere(read("从北京网店买的书缺页了怎么办")));
        assertNull(QuestionReader.placeElsewhere(read("单位不给交公积金，可以去哪投诉，我在郑州")));
    }

    @Test
    void aQuestionAboutWhereAMarketIsGoingIsToldApartFromARuleAboutPrices() {
        assertTrue(QuestionReader.asksMarketForecast(read("重庆的房价明年会跌吗")));
        assertTrue(QuestionReader.asksMarketForecast(read("我手上的股票还能涨吗")));
        assertTrue(QuestionReader.asksMarketForecast(read("重庆哪个区房价最低")));
        assertFalse(QuestionReader.asksMarketForecast(read("国庆酒店房价会涨吗，要提前公示吗")));
        assertFalse(QuestionReader.asksMarketForecast(read("节日期间房价能涨价吗")));
        assertFalse(QuestionReader.asksMarketForecast(read("店铺房租明年要涨，合同没到期可以吗")));
        assertFalse(QuestionReader.asksMarketForecast(read("房东说房子会涨房租，合同没到期可以涨吗")));
    }

    @Test
    void theBusinessBeingOpenedOrRunIsNamed() {
        assertEquals("药店", QuestionReader.business(TextNormalizer.normalize("开个药店要办哪些证")));
        assertEquals("火锅店", QuestionReader.business(TextNormalizer.normalize("我在大渡口开了家火锅店，年报什么时候报")));
        assertEquals("小超市", QuestionReader.business(TextNormalizer.normalize("想开一家小超市需要什么手续")));
        assertEquals("ktv", QuestionReader.business(TextNormalizer.normalize("开个KTV要办哪些证")));
        assertEquals("培训班", QuestionReader.business(TextNormalizer.normalize("开了个培训班要交什么税")));
        assertNull(QuestionReader.business(TextNormalizer.normalize("营业执照要挂在哪里")));
        assertNull(QuestionReader.business(TextNormalizer.normalize("我开了发票还要交税吗")), "开 of an invoice is not a business");
    }
}
