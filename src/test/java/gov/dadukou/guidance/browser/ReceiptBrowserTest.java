package gov.dadukou.guidance.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.ShippedServer;
import gov.dadukou.guidance.consent.ConsentView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static gov.dadukou.guidance.browser.WidgetBrowserTest.assertNoSerious;
import static gov.dadukou.guidance.browser.WidgetBrowserTest.screenshot;
import static gov.dadukou.guidance.browser.WidgetLayoutBrowserTest.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A business subscribes on a phone, keeps its receipt, and later manages the consent from the receipt's
 * link alone: erases its contact data, withdraws, and the widget then says so and lets it subscribe again.
 */
class ReceiptBrowserTest {
    static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    @RegisterExtension
    static final ShippedServer shipped = ShippedServer.withDense();

    @Test
    void aReceiptInBeijingTimeWithAShortCodeManagesTheConsentFromItsLinkAlone() throws IOException {
        try (Browser b = device(375, 812, 2, true)) {
            b.driver.get(shipped.get().base() + "/");
            b.waitFor(d -> b.allInWidget("button.launcher").size() == 1);
            b.inWidget("button.launcher").click();
            b.allInWidget(".foot button").get(0).click();
            b.waitFor(d -> b.allInWidget(".sub form").size() == 1);

            // An empty form: every mistake at once, each right under its own field.
            b.inWidget(".sub form button[type=submit]").click();
            List<WebElement> errors = b.allInWidget(".sub .ferr").stream().filter(e -> !e.getText().isBlank()).toList();
            assertTrue(errors.size() >= 6, "company, credit code, contact, phone, topics and agreement at once: " + errors.size());
            for (WebElement field : b.allInWidget(".sub .field input[aria-invalid=true]")) {
                WebElement err = b.inWidget("#" + field.getAttribute("aria-describedby"));
                int gap = err.getRect().getY() - (field.getRect().getY() + field.getRect().getHeight());
                assertTrue(gap >= -1 && gap <= 24, "an error " + gap + " px from its field");
            }

            List<WebElement> text = b.allInWidget(".sub form input[type=text], .sub form input[type=tel]");
            text.get(0).sendKeys("回执测试有限公司");
            text.get(1).sendKeys("91350100M000100Y43");
            text.get(2).sendKeys("赵六");
            text.get(3).sendKeys("138 1234 1234");
            assertEquals("138 1234 1234", text.get(3).getAttribute("value"), "the phone field keeps a number written with spaces");
            assertEquals("numeric", text.get(3).getAttribute("inputmode"));
            b.inWidget(".sub .group input.all").click(); // the first group's 全选
            List<WebElement> firstGroup = b.allInWidget(".sub .group:first-of-type input:not(.all)");
            assertTrue(firstGroup.size() >= 2 && firstGroup.stream().allMatch(WebElement::isSelected), "全选 selects the whole group");
            b.inWidget(".sub input.agree").click();
            b.inWidget(".sub form button[type=submit]").click();
            b.waitFor(d -> b.inWidget(".sub").getText().contains("订阅成功"));

            JsonNode receipt = new ObjectMapper().readTree(String.valueOf(
                    b.js("return JSON.stringify(JSON.parse(sessionStorage.getItem('ddk-guidance-chat')).receipt)")));
            String code = receipt.get("receiptCode").asText();
            String grantedAt = receipt.get("grantedAt").asText();
            String beijing = OffsetDateTime.parse(grantedAt).atZoneSameInstant(ZoneId.of("Asia/Shanghai")).format(BEIJING);
            String shown = b.inWidget(".sub").getText();
            assertTrue(shown.contains(code), "the short code is on the receipt: " + shown);
            assertTrue(shown.contains(beijing + "（北京时间）"), "granted at " + beijing + " Beijing time: " + shown);
            assertFalse(shown.contains(grantedAt) || shown.contains(receipt.get("withdrawToken").asText()),
                    "no raw UTC time and no long token to copy by hand");
            int lastY = -1;
            for (WebElement term : b.allInWidget(".sub dl dt")) {
                assertTrue(term.getRect().getY() > lastY, "the receipt reads line by line");
                lastY = term.getRect().getY();
            }
            for (String label : new String[] {"复制链接", "保存回执", "打印回执"}) {
                assertTrue(b.allInWidget(".sub .actions button").stream().anyMatch(x -> x.getText().equals(label)
                        && x.getRect().getHeight() >= 44), label);
            }
            screenshot(b, "widget-receipt.png");
            assertEquals(1, shipped.get().assistant.consent().byReceiptCode(code).size(), "staff find it by the code read out to 12345");

            // Later, from the link alone.
            b.driver.get(b.inWidget(".sub a.manage").getAttribute("href"));
            b.waitFor(d -> d.findElement(By.id("record")).getText().contains("有效"));
            String record = b.driver.findElement(By.id("record")).getText();
            assertTrue(record.contains(code) && record.contains(beijing + " 同意"), record);
            for (String id : new String[] {"withdraw", "erase", "print"}) {
                assertTrue(b.driver.findElement(By.id(id)).getRect().getHeight() >= 44, id + " is a proper button");
            }
            assertFalse(b.driver.findElements(By.cssSelector("a[href='/']")).isEmpty(), "a way back to the site");
            assertNoSerious(b.seriousViolations(), "consent page");
            screenshot(b, "consent-page.png");

            b.driver.findElement(By.id("erase")).click();
            b.driver.findElement(By.id("erase-confirm")).click();
            b.waitFor(d -> d.findElement(By.id("done")).getText().contains("已删除"));
            String id = receipt.get("receiptId").asText();
            ConsentView erased = shipped.get().assistant.consent().all(true).stream().filter(v -> v.receiptId().equals(id)).findFirst().orElseThrow();
            assertTrue(erased.contactErased() && erased.contactName() == null && erased.phone() == null, "the contact data is gone: " + erased);
            assertTrue(b.driver.findElement(By.id("record")).getText().contains("已删除"));

            b.driver.findElement(By.id("withdraw")).click();
            b.waitFor(d -> d.findElement(By.id("done")).getText().contains("已撤回同意"));
            assertFalse(b.driver.findElement(By.id("withdraw")).isDisplayed(), "nothing left to withdraw");

            // Back on the site the widget no longer says 订阅成功, and one can subscribe again.
            b.driver.get(shipped.get().base() + "/");
            b.waitFor(d -> b.allInWidget(".foot button").size() == 1 && b.inWidget(".foot button").isDisplayed());
            b.inWidget(".foot button").click();
            b.waitFor(d -> b.inWidget(".sub").getText().contains("已撤回同意"));
            assertFalse(b.inWidget(".sub").getText().contains("订阅成功"));
            b.inWidget(".sub button.again").click();
            b.waitFor(d -> b.allInWidget(".sub form").size() == 1);

            // A caller reads the code to 12345: staff type it as heard (lower case, a space for the dash).
            shipped.get().assistant.staff().create("reviewer1", "reviewer-password-1".toCharArray(), gov.dadukou.guidance.admin.Role.REVIEWER, null);
            ConsoleBrowserTest.login(b, shipped.get().base(), "reviewer1", "reviewer-password-1");
            ConsoleBrowserTest.clickButton(b, "同意记录");
            WebElement codeBox = b.waitFor(d -> d.findElement(By.cssSelector("#view form[aria-label='按回执码查找'] input")));
            codeBox.sendKeys(code.toLowerCase().replace('-', ' '));
            b.driver.findElement(By.xpath("//button[normalize-space()='查找']")).click();
            b.waitFor(d -> d.findElements(By.cssSelector("#view tbody tr")).size() == 1
                    && d.findElement(By.cssSelector("#view tbody tr td")).getText().equals(code));
            WebElement again = b.driver.findElement(By.cssSelector("#view form[aria-label='按回执码查找'] input"));
            again.clear();
            again.sendKeys("ZZZZ-ZZZZ");
            b.driver.findElement(By.xpath("//button[normalize-space()='查找']")).click();
            b.waitFor(d -> d.findElement(By.id("view")).getText().contains("没有回执码为“ZZZZ-ZZZZ”的同意记录"));
            assertNoSerious(b.seriousViolations(), "consent records found by code");
        }
    }
}
