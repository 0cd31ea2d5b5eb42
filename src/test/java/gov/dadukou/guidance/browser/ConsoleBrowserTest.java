package gov.dadukou.guidance.browser;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staff console in a real browser: an editor drafts, a reviewer approves and publishes, the chat answers. */
class ConsoleBrowserTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    static final String QUESTION = "夜市摊位需要办理什么手续才能经营";

    @TempDir
    Path dataDir;

    static void login(Browser b, String base, String user, String password) {
        b.driver.manage().deleteAllCookies();
        b.driver.get(base + "/admin/");
        b.waitFor(d -> d.findElement(By.id("username")).isDisplayed());
        b.driver.findElement(By.id("username")).sendKeys(user);
        b.driver.findElement(By.id("password")).sendKeys(password);
        b.driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        b.waitFor(d -> d.findElement(By.id("who")).getText().startsWith(user));
    }

    static List<String> tabs(Browser b) {
        return b.driver.findElements(By.cssSelector("#tabs button[data-tab]")).stream().map(WebElement::getText).toList();
    }

    static void clickButton(Browser b, String text) {
        b.waitFor(d -> d.findElements(By.xpath("//button[normalize-space()='" + text + "']")).size() > 0);
        b.driver.findElement(By.xpath("//button[normalize-space()='" + text + "']")).click();
    }

    @Test
    void anEditorDraftsInTheBrowserAReviewerPublishesAndTheChatAnswers() throws java.io.IOException {
        try (TestServer server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false)
                .withAdminPassword(ADMIN_PASSWORD), Clock.systemUTC());
             Browser b = Browser.open(1280, 1000)) {
            server.assistant.staff().create("editor1", "editor-password-1".toCharArray(), gov.dadukou.guidance.admin.Role.EDITOR, "区城市管理局");
            server.assistant.staff().create("reviewer1", "reviewer-password-1".toCharArray(), gov.dadukou.guidance.admin.Role.REVIEWER, null);

            b.driver.get(server.base() + "/admin/");
            b.waitFor(d -> d.findElement(By.id("username")).isDisplayed());
            assertTrue(b.seriousViolations().isEmpty(), "console sign-in page: " + b.seriousViolations());
            login(b, server.base(), "editor1", "editor-password-1");
            assertFalse(tabs(b).contains("账号"), "the editor cannot reach the accounts page");
            clickButton(b, "条目");
            b.waitFor(d -> d.findElements(By.cssSelector("#view table")).size() > 0);
            assertTrue(b.seriousViolations().isEmpty(), "console entry list: " + b.seriousViolations());
            WidgetBrowserTest.screenshot(b, "console-entries.png");
            clickButton(b, "新建条目");
            List<WebElement> inputs = b.driver.findElements(By.cssSelector("#view form input:not([type=date])"));
            inputs.get(0).sendKeys("cgj-yeshi-tanwei-shouxu");
            inputs.get(1).sendKeys("夜市摊位经营须在指定区域并向城市管理部门申请");
            List<WebElement> areas = b.driver.findElements(By.cssSelector("#view form textarea"));
            areas.get(0).sendKeys("夜市摊位需要办理什么手续\n夜市摆摊要审批吗\n晚上摆地摊要办证吗\n夜市摊位找哪个部门申请");
            areas.get(1).sendKeys("测试条目：夜市摊位应在政府划定的区域经营，具体手续请向区城市管理局咨询。");
            areas.get(2).sendKeys("城市市容和环境卫生管理条例");
            b.driver.findElements(By.cssSelector("#view form select")).get(2).sendKeys("提示提醒");
            b.driver.findElement(By.cssSelector("#view form button[type=submit]")).click();
            clickButton(b, "提交审核");
            b.waitFor(d -> d.findElement(By.id("view")).getText().contains("待法制审核"));

            login(b, server.base(), "reviewer1", "reviewer-password-1");
            b.driver.get(server.base() + "/admin/");
            b.waitFor(d -> d.findElements(By.xpath("//button[normalize-space()='cgj-yeshi-tanwei-shouxu']")).size() > 0);
            clickButton(b, "cgj-yeshi-tanwei-shouxu");
            b.waitFor(d -> d.findElement(By.id("review-comment")).isDisplayed());
            b.driver.findElement(By.id("review-comment")).sendKeys("法制审核通过");
            clickButton(b, "审核通过");
            clickButton(b, "发布");
            // The publish's own confirmation: the entry page says "已发布" before it is published too (its diff
            // heading, "与已发布版本的差异"), and asking the chat then raced the publish.
            b.waitFor(d -> d.findElement(By.id("view")).getText().contains("对话窗口和公开目录即时生效"));

            var answer = server.chat(QUESTION, null);
            assertTrue(answer.get("answer").asText().contains("测试条目：夜市摊位"), answer.toString());
            assertEquals("cgj-yeshi-tanwei-shouxu", answer.get("sources").get(0).get("id").asText());
        }
    }
}
