package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.ShippedAssistant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a market is going is not a rule: "重庆的房价明年会跌吗" got the holiday hotel-pricing entry (房价 is a hotel's
 * room price in the base) and a share-price question the same. Such questions are not matched and offer no entry;
 * whether a hotel may raise its room prices is still answered.
 */
class MarketForecastQuestionTest {
    @RegisterExtension
    static final ShippedAssistant shipped = new ShippedAssistant();

    @Test
    void aQuestionAboutWhereAMarketIsGoingIsNotAnswered() {
        for (String question : new String[] {"明年重庆的房价还会涨不", "这只股票下个月会跌吗", "大渡口哪个区房价最便宜", "今年金价走势怎么样"}) {
            ChatReply reply = shipped.get().chat().ask(question, null);
            assertFalse(reply.matched(), question + " -> " + reply.answer());
            assertEquals("none", reply.outcome(), question);
            assertTrue(reply.sources().isEmpty() && reply.suggestions().isEmpty(), question);
            assertTrue(reply.answer().contains("不预测房价、股价等市场行情"), reply.answer());
        }
    }

    @Test
    void whetherAHotelMayRaiseItsRoomPricesIsStillAnswered() {
        ChatReply reply = shipped.get().chat().ask("国庆节酒店房价可以涨吗", null);
        assertTrue(reply.matched(), reply.answer());
        assertFalse(reply.answer().contains("不预测"), reply.answer());
    }
}
