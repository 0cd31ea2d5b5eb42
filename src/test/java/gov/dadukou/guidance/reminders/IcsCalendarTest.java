package gov.dadukou.guidance.reminders;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IcsCalendarTest {
    static final String TRICKY = "第一行；含分号, 逗号\\反斜杠\n第二行：" + "很长的中文说明文字".repeat(12) + "end";

    static List<ActiveReminder> sample() {
        return List.of(new ActiveReminder("tx-test", "测试提示；标题, 含特殊字符", "区市场监管局", "执法事项提示",
                "《食品安全法》第三十四条", TRICKY, List.of("食品安全", "价格,收费"),
                new ActiveReminder.Window("春节-30", "元宵"), "2027-01-07", "2027-02-20", false));
    }

    static String write() {
        return IcsCalendar.write(sample(), id -> LocalDate.of(2026, 11, 27));
    }

    @Test
    void anIndependentParserReadsTheCalendarAndItsTextBackUnchanged() throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(write()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(1, events.size());
        VEvent e = events.get(0);
        assertEquals("tx-test-2027@guidance.dadukou", e.getUid().orElseThrow().getValue());
        assertEquals("【执法事项提示】测试提示；标题, 含特殊字符", e.getSummary().getValue());
        assertTrue(e.getDescription().getValue().startsWith(TRICKY), e.getDescription().getValue());
        assertEquals("20270107", e.getDateTimeStart().getValue());
        assertEquals("20270221", e.getDateTimeEnd().getValue(), "all-day end is exclusive");
    }

    @Test
    void everyPhysicalLineIsAtMost75OctetsAndWholeUtf8() throws CharacterCodingException {
        String ics = write();
        assertTrue(ics.endsWith("\r\n"));
        for (String line : ics.split("\r\n")) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertTrue(bytes.length <= 75, bytes.length + " octets: " + line);
            // Decoding each physical line on its own fails if a fold split a character.
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        }
        assertTrue(ics.contains("\r\n "), "long lines are folded");
    }

    @Test
    void uidsAreStableAcrossRequests() {
        assertEquals(write(), write());
    }

    @Test
    void textEscapingFollowsRfc5545() {
        assertEquals("a\\;b\\,c\\\\d\\ne", IcsCalendar.escape("a;b,c\\d\ne"));
    }
}
