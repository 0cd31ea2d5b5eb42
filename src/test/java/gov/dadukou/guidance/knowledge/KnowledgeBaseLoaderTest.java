package gov.dadukou.guidance.knowledge;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnowledgeBaseLoaderTest {
    @TempDir
    Path kb;

    static final String GOOD = """
              - id: scjg-test-entry
                kind: 法规解读
                title: 营业执照应当放在醒目位置
                questions: [营业执照要挂出来吗, 执照必须摆出来吗, 执照放抽屉行不行, 营业直照要挂墙上吗]
                answer: 要挂出来。
                department: 区市场监管局
                method: 提示提醒
                legalBasis:
                  - law: 市场主体登记管理条例
                    article: 第三十六条
                reviewed: 2026-11-27
                topics: [登记注册]
            """;

    @BeforeEach
    void lists() throws IOException {
        Files.createDirectories(kb.resolve("entries"));
        write("departments.yaml", "departments:\n  - name: 区市场监管局\n    contact: 12345政务服务便民热线\n");
        write("topics.yaml", "topics: [登记注册, 年度报告]\n");
    }

    @Test
    void validEntryLoadsWithEveryField() throws IOException {
        entries(GOOD);
        KnowledgeBase base = KnowledgeBaseLoader.load(kb);
        Entry e = base.entries().get(0);
        assertEquals("scjg-test-entry", e.id());
        assertEquals(Kind.LAW_EXPLANATION, e.kind());
        assertEquals(Method.REMINDER, e.method());
        assertEquals(4, e.questions().size());
        assertEquals("《市场主体登记管理条例》第三十六条", e.legalBasisText());
        assertEquals("entries/a.yaml", e.sourceFile());
        assertNull(e.window());
    }

    @Test
    void missingAnswerNamesFileEntryAndField() throws IOException {
        assertFails(GOOD.replace("answer: 要挂出来。", ""), "scjg-test-entry", "answer");
    }

    @Test
    void unknownKindIsRefused() throws IOException {
        assertFails(GOOD.replace("kind: 法规解读", "kind: 通知公告"), "scjg-test-entry", "kind");
    }

    @Test
    void methodOutsideTheNineIsRefused() throws IOException {
        assertFails(GOOD.replace("method: 提示提醒", "method: 约谈"), "scjg-test-entry", "method");
    }

    @Test
    void departmentNotInTheListIsRefused() throws IOException {
        assertFails(GOOD.replace("department: 区市场监管局", "department: 区不存在局"), "scjg-test-entry", "department");
    }

    @Test
    void topicNotInTheListIsRefused() throws IOException {
        assertFails(GOOD.replace("topics: [登记注册]", "topics: [炒股]"), "scjg-test-entry", "topics");
    }

    @Test
    void badIdIsRefusedByPosition() throws IOException {
        assertFails(GOOD.replace("id: scjg-test-entry", "id: Bad Id"), "#1", "id");
    }

    @Test
    void duplicateIdAcrossFilesIsRefused() throws IOException {
        entries(GOOD);
        write("entries/b.yaml", "entries:\n" + GOOD.replace("营业执照要挂出来吗", "另一个问法一").replace("执照必须摆出来吗", "另一个问法二")
                .replace("执照放抽屉行不行", "另一个问法三").replace("营业直照要挂墙上吗", "另一个问法四"));
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb));
        assertEquals("entries/b.yaml", e.file());
        assertEquals("id", e.field());
    }

    @Test
    void samePhrasingInTwoEntriesIsRefused() throws IOException {
        entries(GOOD + GOOD.replace("scjg-test-entry", "scjg-other-entry")
                .replace("执照必须摆出来吗", "问法二").replace("执照放抽屉行不行", "问法三").replace("营业直照要挂墙上吗", "问法四"));
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb));
        assertEquals("scjg-other-entry", e.entry());
        assertEquals("questions", e.field());
        assertTrue(e.getMessage().contains("scjg-test-entry"), e.getMessage());
    }

    @Test
    void fewerThanFourPhrasingsAreRefused() throws IOException {
        assertFails(GOOD.replace(", 营业直照要挂墙上吗", ""), "scjg-test-entry", "questions");
    }

    @Test
    void emptyPhrasingIsRefused() throws IOException {
        assertFails(GOOD.replace("营业直照要挂墙上吗", "\"  \""), "scjg-test-entry", "questions");
    }

    @Test
    void legalBasisIsRequired() throws IOException {
        assertFails(GOOD.replaceAll("(?s)    legalBasis:.*?第三十六条\n", ""), "scjg-test-entry", "legalBasis");
    }

    @Test
    void articleMustLookLikeAnArticle() throws IOException {
        assertFails(GOOD.replace("第三十六条", "36"), "scjg-test-entry", "legalBasis");
    }

    @Test
    void reviewDateMustParse() throws IOException {
        assertFails(GOOD.replace("2026-11-27", "2026-13-40"), "scjg-test-entry", "reviewed");
    }

    @Test
    void urlMustBeHttp() throws IOException {
        assertFails(GOOD + "    url: javascript:alert(1)\n", "scjg-test-entry", "url");
    }

    @Test
    void misspeltFieldIsRefused() throws IOException {
        assertFails(GOOD.replace("answer:", "anwser:"), "scjg-test-entry", "anwser");
    }

    @Test
    void phoneNumbersOtherThan12345AreRefusedInAnswers() throws IOException {
        assertFails(GOOD.replace("要挂出来。", "要挂出来，咨询电话023-12345678。"), "scjg-test-entry", "answer");
    }

    @Test
    void reminderWithoutWindowIsRefused() throws IOException {
        assertFails(GOOD.replace("kind: 法规解读", "kind: 执法事项提示"), "scjg-test-entry", "window");
    }

    @Test
    void windowThatDoesNotParseIsRefused() throws IOException {
        assertFails(GOOD.replace("kind: 法规解读", "kind: 执法事项提示") + "    window: {from: 春分-3, to: \"06-30\"}\n",
                "scjg-test-entry", "window");
    }

    @Test
    void aReferralLoadsWithoutAMethodOfGuidance() throws IOException {
        entries(GOOD.replace("kind: 法规解读", "kind: 其他途径指引").replace("    method: 提示提醒\n", ""));
        Entry e = KnowledgeBaseLoader.load(kb).entries().get(0);
        assertEquals(Kind.REFERRAL, e.kind());
        assertFalse(e.kind().answers(), "a referral answers nothing");
    }

    @Test
    void aReferralWithAMethodOfGuidanceIsRefused() throws IOException {
        assertFails(GOOD.replace("kind: 法规解读", "kind: 其他途径指引"), "scjg-test-entry", "method");
    }

    @Test
    void reminderWithLunarWindowLoads() throws IOException {
        entries(GOOD.replace("kind: 法规解读", "kind: 执法事项提示") + "    window: {from: 春节-20, to: 元宵}\n");
        Entry e = KnowledgeBaseLoader.load(kb).entries().get(0);
        assertEquals("春节-20", e.window().from().text());
        assertEquals("元宵", e.window().to().text());
    }

    @Test
    void aFieldWrittenTwiceInOneEntryIsALoadErrorNamingFileAndLine() throws IOException {
        // Before, the second title silently replaced the first: the curator never saw which one was live.
        entries(GOOD + "    title: 另一个标题\n");
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb));
        assertEquals("entries/a.yaml", e.file(), e.getMessage());
        assertTrue(e.getMessage().contains("第14行"), e.getMessage());
        assertTrue(e.getMessage().contains("title"), e.getMessage());
    }

    @Test
    void anUnknownFieldInAnEntryNamesTheLineItIsOn() throws IOException {
        entries(GOOD.replace("answer:", "anwser:"));
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb));
        assertEquals("anwser", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("第6行"), e.getMessage());
    }

    @Test
    void aFieldErrorNamesTheLineOfThatField() throws IOException {
        entries(GOOD.replace("department: 区市场监管局", "department: 区不存在局"));
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb));
        assertTrue(e.getMessage().contains("第7行"), e.getMessage());
    }

    @Test
    void brokenYamlNamesTheFile() throws IOException {
        entries(GOOD + "  - id: [unclosed\n");
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb));
        assertEquals("entries/a.yaml", e.file());
    }

    @Test
    void emptyBaseIsRefused() {
        assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb));
    }

    private void assertFails(String yaml, String entry, String field) throws IOException {
        entries(yaml);
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb));
        assertEquals("entries/a.yaml", e.file(), e.getMessage());
        assertEquals(entry, e.entry(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("entries/a.yaml"), e.getMessage());
    }

    private void entries(String body) throws IOException {
        write("entries/a.yaml", "entries:\n" + body);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(kb.resolve(name), text, StandardCharsets.UTF_8);
    }
}
