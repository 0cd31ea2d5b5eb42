package gov.dadukou.guidance.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.EntryVersion;
import gov.dadukou.guidance.admin.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static gov.dadukou.guidance.browser.ConsoleBrowserTest.clickButton;
import static gov.dadukou.guidance.browser.ConsoleBrowserTest.login;
import static gov.dadukou.guidance.browser.ReviewDayBrowserTest.search;
import static gov.dadukou.guidance.browser.ReviewDayBrowserTest.waitForStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff see an entry's no-penalty check on its page as the public will be asked it, and edit its conditions in the
 * entry form: a new version keeps them, a broken edit is refused before it is sent.
 */
class CheckConditionsConsoleBrowserTest {
    static final String ENTRY = "xzcf-33-qingwei-gaizheng-bufa";

    @TempDir
    Path dataDir;

    @Test
    void theEntryPageShowsTheCheckAndANewVersionKeepsItsConditions() throws Exception {
        try (TestServer server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false)
                .withAdminPassword("first-admin-password-1"), Clock.systemUTC());
             Browser b = Browser.open(1366, 900)) {
            server.assistant.staff().create("editor1", "editor-password-1".toCharArray(), Role.EDITOR, "区司法局");
            login(b, server.base(), "editor1", "editor-password-1");
            b.waitFor(d -> d.findElement(By.cssSelector("#view h2")).getText().startsWith("我的草稿"));
            clickButton(b, "条目");
            search(b, ENTRY);
            clickButton(b, ENTRY);

            WebElement check = b.waitFor(d -> d.findElement(By.cssSelector("section[aria-labelledby=h-check]")));
            List<WebElement> questions = check.findElements(By.cssSelector("ol > li"));
            assertEquals(5, questions.size(), check.getText());
            assertTrue(questions.get(0).getText().contains("这个违法行为是否情节轻微？") && questions.get(0).getText().contains("第三十三条第一款"),
                    questions.get(0).getText());
            assertTrue(check.getText().contains("法定不予处罚的情形") && check.getText().contains("可以不予处罚（由执法部门决定）"), check.getText());
            assertTrue(check.getRect().getX() + check.getRect().getWidth() <= 1366, "the check section fits the page");

            clickButton(b, "编辑（新版本）");
            WebElement json = b.waitFor(d -> d.findElement(By.xpath("//label[starts-with(normalize-space(), '免罚条件')]//textarea")));
            JsonNode shown = new ObjectMapper().readTree(json.getAttribute("value"));
            assertEquals("qingwei", shown.get("conditions").get(0).get("id").asText(), "the form starts from the entry's conditions");
            assertTrue(json.getRect().getWidth() >= 400, "the JSON box is wide enough to edit: " + json.getRect().getWidth());

            json.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "}");
            b.driver.findElement(By.cssSelector("#view form button[type=submit]")).click();
            b.waitFor(d -> d.findElement(By.id("view")).getText().contains("免罚条件不是有效的 JSON"));
            assertEquals(1, server.assistant.workflow().history(ENTRY).size(), "nothing was saved");

            json.sendKeys(Keys.BACK_SPACE);
            b.driver.findElement(By.cssSelector("#view form button[type=submit]")).click();
            waitForStatus(b, "已保存为 v2");
            EntryVersion v2 = server.assistant.workflow().history(ENTRY).get(1);
            JsonNode saved = new ObjectMapper().readTree(v2.content());
            assertEquals(5, saved.get("conditions").size(), "the new version keeps the conditions");
            assertEquals(2, saved.get("outcomes").size(), "and the outcomes");
        }
    }
}
