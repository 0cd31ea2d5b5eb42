package gov.dadukou.guidance.browser;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.Role;
import gov.dadukou.guidance.admin.StaffService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In the console: a reset account sees only the password form until it changes it; the admin sees who made each account. */
class StaffAccountsBrowserTest {
    @TempDir
    Path dataDir;

    @Test
    void aResetAccountSeesOnlyThePasswordFormThenTheConsoleAndTheAdminSeesTheAccountList() throws java.io.IOException {
        try (TestServer server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false), Clock.systemUTC());
             Browser b = Browser.open(1280, 1000)) {
            StaffService staff = server.assistant.staff();
            StaffService.Account admin = staff.create("admin", "first-admin-password-1".toCharArray(), Role.ADMIN, null);
            staff.create(admin, "editor1", "editor-password-1".toCharArray(), Role.EDITOR, "区城市管理局");
            staff.resetPassword(admin, "editor1", "temporary-secret-71".toCharArray());

            ConsoleBrowserTest.login(b, server.base(), "editor1", "temporary-secret-71");
            b.waitFor(d -> d.findElement(By.cssSelector("#view h2")).getText().contains("请先修改密码"));
            assertEquals(List.of(), ConsoleBrowserTest.tabs(b), "nothing else to open before the change");
            assertTrue(b.seriousViolations().isEmpty(), "forced password change: " + b.seriousViolations());
            List<WebElement> fields = b.driver.findElements(By.cssSelector("#view form input[type=password]"));
            fields.get(0).sendKeys("temporary-secret-71");
            fields.get(1).sendKeys("my-own-secret-phrase-5");
            fields.get(2).sendKeys("my-own-secret-phrase-5");
            b.driver.findElement(By.cssSelector("#view form button[type=submit]")).click();
            b.waitFor(d -> ConsoleBrowserTest.tabs(b).contains("条目"));

            ConsoleBrowserTest.login(b, server.base(), "admin", "first-admin-password-1");
            ConsoleBrowserTest.clickButton(b, "账号");
            b.waitFor(d -> d.findElement(By.id("view")).getText().contains("创建者"));
            String view = b.driver.findElement(By.id("view")).getText();
            assertTrue(view.contains("editor1") && view.contains("停用") && view.contains("重置密码"), view);
            assertTrue(b.seriousViolations().isEmpty(), "accounts page: " + b.seriousViolations());
            WidgetBrowserTest.screenshot(b, "console-accounts.png");
        }
    }
}
