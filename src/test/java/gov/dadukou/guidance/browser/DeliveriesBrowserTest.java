package gov.dadukou.guidance.browser;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import gov.dadukou.guidance.admin.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static gov.dadukou.guidance.browser.ConsoleBrowserTest.login;
import static gov.dadukou.guidance.browser.ConsoleGapsPeopleBrowserTest.assertLaidOut;
import static gov.dadukou.guidance.browser.ConsoleGapsPeopleBrowserTest.openTab;
import static gov.dadukou.guidance.browser.ConsoleGapsPeopleBrowserTest.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's reminder outbox at 1366×900: a reviewer sees the latest deliveries with their status in Chinese, the
 * counts by status and the last error, Beijing times, nothing off-screen; an editor has no such tab.
 */
class DeliveriesBrowserTest {
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    static final String REMINDER = "tx-nianbao-qijian";

    @TempDir
    Path dataDir;

    @Test
    void aReviewerReadsTheOutboxWithStatusesInChineseAndTheLastErrorAndAnEditorHasNoSuchTab() throws Exception {
        // A delivery run a day apart: the rows below stay as written while the page is read.
        AppConfig config = AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD)
                .withDelivery(new AppConfig.Delivery(URI.create("http://127.0.0.1:9/hook"), null, 5, Duration.ofDays(1)));
        try (TestServer server = new TestServer(config, Clock.systemUTC()); Browser b = Browser.open(1366, 900)) {
            server.assistant.staff().create("reviewer1", "reviewer-password-1".toCharArray(), Role.REVIEWER, null);
            server.assistant.staff().create("editor1", "editor-password-1".toCharArray(), Role.EDITOR, "区税务局");
            String now = Instant.now().toString();
            String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();
            server.assistant.database().transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO reminder_deliveries (credit_code, receipt_id, reminder_id, season, "
                        + "status, attempts, next_attempt_at, last_error, created_at, finished_at) VALUES (?, ?, ?, 2027, ?, ?, ?, ?, ?, ?)")) {
                    Object[][] rows = {
                            {"91500104MA5U000001", "r-sent", "sent", 1, now, null, now, now},
                            {"91500104MA5U000002", "r-failed", "failed", 5, now, "webhook answered HTTP 500", now, now},
                            {"91500104MA5U000003", "r-pending", "pending", 2, tomorrow, "webhook unreachable: ConnectException", now, null},
                            {"91500104MA5U000004", "r-cancelled", "cancelled", 0, now, null, now, now}};
                    for (Object[] r : rows) {
                        ps.setString(1, (String) r[0]);
                        ps.setString(2, (String) r[1]);
                        ps.setString(3, REMINDER);
                        ps.setString(4, (String) r[2]);
                        ps.setInt(5, (Integer) r[3]);
                        ps.setString(6, (String) r[4]);
                        ps.setString(7, (String) r[5]);
                        ps.setString(8, (String) r[6]);
                        ps.setString(9, (String) r[7]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });

            login(b, server.base(), "reviewer1", "reviewer-password-1");
            openTab(b, "提醒推送");
            b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 4);
            String page = view(b);
            assertTrue(page.contains("已发送 1 条，发送失败 1 条") && page.contains("待发送 1 条") && page.contains("已取消（同意已撤回） 1 条"), page);
            List<WebElement> failed = b.driver.findElements(By.xpath("//tr[td[normalize-space()='r-failed']]/td"));
            assertEquals("发送失败", failed.get(5).getText());
            assertEquals("5", failed.get(6).getText());
            assertEquals("webhook answered HTTP 500", failed.get(8).getText());
            List<WebElement> pending = b.driver.findElements(By.xpath("//tr[td[normalize-space()='r-pending']]/td"));
            assertTrue(pending.get(7).getText().matches("\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}"), "next try in Beijing time: " + pending.get(7).getText());
            assertFalse(page.contains("T0") || page.contains("Z "), "no raw timestamps: " + page);
            assertLaidOut(b, "deliveries");
            assertTrue(b.seriousViolations().isEmpty(), "deliveries: " + b.seriousViolations());

            login(b, server.base(), "editor1", "editor-password-1");
            assertFalse(ConsoleBrowserTest.tabs(b).contains("提醒推送"), "an editor sees no outbox: " + ConsoleBrowserTest.tabs(b));
        }
    }

    @Test
    void aLongOutboxShowsItsTotalsLoadsEarlierRowsOnRequestAndFiltersByStatus() throws Exception {
        AppConfig config = AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD);
        try (TestServer server = new TestServer(config, Clock.systemUTC()); Browser b = Browser.open(1366, 900)) {
            server.assistant.staff().create("reviewer1", "reviewer-password-1".toCharArray(), Role.REVIEWER, null);
            String now = Instant.now().toString();
            server.assistant.database().transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO reminder_deliveries (credit_code, receipt_id, reminder_id, season, "
                        + "status, attempts, next_attempt_at, last_error, created_at, finished_at) VALUES (?, ?, ?, 2027, ?, 1, ?, ?, ?, ?)")) {
                    for (int i = 0; i < 230; i++) {
                        boolean failed = i % 23 == 0; // 10 failed among 220 sent, spread over both pages
                        ps.setString(1, String.format("91500104MA5U%06d", i));
                        ps.setString(2, "r-" + i);
                        ps.setString(3, REMINDER);
                        ps.setString(4, failed ? "failed" : "sent");
                        ps.setString(5, now);
                        ps.setString(6, failed ? "webhook answered HTTP 500" : null);
                        ps.setString(7, now);
                        ps.setString(8, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });

            login(b, server.base(), "reviewer1", "reviewer-password-1");
            openTab(b, "提醒推送");
            b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 200);
            String page = view(b);
            assertTrue(page.contains("全部推送：已发送 220 条，发送失败 10 条"), "totals of the whole outbox, not of the page: " + page);
            assertTrue(page.contains("已显示最新的 200 条，共 230 条"), page);
            assertEquals("r-229", cell(b, 0, 4), "newest first");
            WebElement more = b.driver.findElement(By.xpath("//*[@id='view']//button[normalize-space()='加载更早的 200 条']"));
            assertTrue(more.isDisplayed());
            WebElement tableEl = b.driver.findElement(By.cssSelector("#view table"));
            assertTrue(more.getRect().getY() >= tableEl.getRect().getY() + tableEl.getRect().getHeight(), "the button follows the rows it extends");
            assertTrue(more.getRect().getHeight() >= 24 && more.getRect().getWidth() >= 24, "a button one can hit: " + more.getRect());
            assertLaidOut(b, "deliveries, first page");

            more.click();
            b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 230);
            assertEquals("r-0", cell(b, 229, 4), "the earlier rows are added below, oldest last");
            assertFalse(more.isDisplayed(), "nothing earlier is left to load");
            assertTrue(view(b).contains("已显示最新的 230 条，共 230 条"), view(b));

            new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.cssSelector("#view select[name=status]"))).selectByValue("failed");
            b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 10);
            for (int i = 0; i < 10; i++) {
                assertEquals("发送失败", cell(b, i, 5));
            }
            assertTrue(view(b).contains("已显示最新的 10 条，共 10 条"), view(b));
            assertFalse(more.isDisplayed());
            assertLaidOut(b, "deliveries, failed only");
            assertTrue(b.seriousViolations().isEmpty(), "deliveries with filter and paging: " + b.seriousViolations());
        }
    }

    private static String cell(Browser b, int row, int column) {
        return b.driver.findElements(By.cssSelector("#view tbody tr")).get(row).findElements(By.tagName("td")).get(column).getText();
    }
}
