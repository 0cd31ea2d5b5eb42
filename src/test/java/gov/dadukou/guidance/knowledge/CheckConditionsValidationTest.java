package gov.dadukou.guidance.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A check's conditions and outcomes are validated like every field, for files and staff edits alike:
 * a promise, a rule without its article or a dangling condition never reaches a business.
 */
class CheckConditionsValidationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static KnowledgeBase kb;
    static EntryCodec codec;
    static Entry shipped;

    @BeforeAll
    static void load() {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        codec = new EntryCodec(kb);
        shipped = kb.entries().stream().filter(e -> e.id().equals("xzcf-33-qingwei-gaizheng-bufa")).findFirst().orElseThrow();
    }

    private static KnowledgeBaseException rejected(Consumer<ObjectNode> edit) {
        ObjectNode node = JSON.valueToTree(EntryCodec.toMap(shipped));
        edit.accept(node);
        return assertThrows(KnowledgeBaseException.class, () -> codec.fromJson(node, "staff edit"));
    }

    private static ObjectNode firstRule(ObjectNode n) {
        return (ObjectNode) n.get("outcomes").get(0);
    }

    @Test
    void conditionsAndOutcomesSurviveTheRoundTripThroughTheDatabaseShape() {
        Entry back = codec.fromJson(EntryCodec.toJson(shipped), "staff edit");
        assertEquals(shipped.conditions(), back.conditions());
        assertEquals(shipped.outcomes(), back.outcomes());
    }

    @Test
    void anExplanationThatPromisesNoPenaltyIsRefused() {
        KnowledgeBaseException e = rejected(n -> firstRule(n).put("explanation", "《行政处罚法》第三十三条：您不会被罚款。"));
        assertTrue(e.getMessage().contains("承诺"), e.getMessage());
    }

    @Test
    void aRuleMustCiteItsArticleInItsExplanation() {
        KnowledgeBaseException e = rejected(n -> firstRule(n).put("explanation", "符合条件的，不予行政处罚。"));
        assertTrue(e.getMessage().contains("引用"), e.getMessage());
        assertTrue(rejected(n -> firstRule(n).remove("article")).getMessage().contains("article"));
    }

    @Test
    void aRuleMayOnlyRequireConditionsTheEntryHas() {
        KnowledgeBaseException e = rejected(n -> ((ArrayNode) firstRule(n).get("requires")).add("wu-such"));
        assertTrue(e.getMessage().contains("wu-such"), e.getMessage());
    }

    @Test
    void aConditionNoRuleUsesIsRefused() {
        KnowledgeBaseException e = rejected(n -> ((ArrayNode) n.get("conditions")).addObject().put("id", "extra")
                .put("question", "是否另有情况？").put("law", "行政处罚法").put("article", "第三十三条").put("ifNo", "另行咨询。"));
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
    }

    @Test
    void conditionsWithoutOutcomesAndOnOtherKindsAreRefused() {
        assertTrue(rejected(n -> n.remove("outcomes")).getMessage().contains("outcomes"));
        assertTrue(rejected(n -> n.put("kind", "行政指导事项")).getMessage().contains("自查条件"));
        assertTrue(rejected(n -> ((ObjectNode) n.get("conditions").get(0)).put("question", "这个违法行为是否情节轻微")).getMessage()
                .contains("？"));
    }
}
