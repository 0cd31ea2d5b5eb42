package gov.dadukou.guidance.messages;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RoutingTest {
    static Routing.Candidate c(String id, String dept) {
        return new Routing.Candidate(id, id, dept, List.of("食品安全"));
    }

    @Test
    void aMessageGoesToTheDepartmentHoldingAMajorityOfTheCandidates() {
        Routing r = Routing.of(List.of(c("a", "区市场监管局"), c("b", "区城市管理局"), c("c", "区市场监管局")));
        assertEquals("区市场监管局", r.department());
        assertEquals(List.of("a", "b", "c"), r.candidates());
        assertEquals("食品安全", r.topic(), "the best candidate's topic prefills the message's");
        assertEquals("区税务局", Routing.of(List.of(c("a", "区税务局"))).department(), "one candidate alone decides");
    }

    @Test
    void candidatesOfDifferentDepartmentsOrNoneGoToTriage() {
        assertNull(Routing.of(List.of(c("a", "区市场监管局"), c("b", "区城市管理局"))).department());
        assertNull(Routing.of(List.of(c("a", "区市场监管局"), c("b", "区城市管理局"), c("c", "区税务局"))).department());
        Routing none = Routing.of(List.of());
        assertNull(none.department());
        assertEquals("没有找到相关条目，转分办", none.rule());
    }
}
