package gov.dadukou.guidance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppConfigTest {
    @TempDir
    Path data;

    Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", data.resolve("d").toString());
        env.put("KB_DIR", "knowledge-base");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsApplyAndTheDataDirectoryIsCreated() {
        AppConfig c = AppConfig.fromEnv(env());
        assertEquals(8080, c.port());
        assertTrue(c.dense());
        assertFalse(c.delivery().enabled());
        assertTrue(Files.isDirectory(data.resolve("d")));
    }

    @Test
    void messagesPromiseFiveWorkingDaysByDefaultAndTakeExtraClosures() {
        assertEquals(AppConfig.Messages.defaults(), AppConfig.fromEnv(env()).messages());
        assertEquals(5, AppConfig.fromEnv(env()).messages().replyWorkingDays());
        AppConfig c = AppConfig.fromEnv(env("REPLY_WORKING_DAYS", "3", "EXTRA_HOLIDAYS", "2026-12-07, 2026-12-08"));
        assertEquals(3, c.messages().replyWorkingDays());
        assertEquals(List.of(java.time.LocalDate.of(2026, 12, 7), java.time.LocalDate.of(2026, 12, 8)), c.messages().extraHolidays());
    }

    @Test
    void rateLimitsDefaultOnWithNoTrustedProxyAndZeroTurnsThemOff() {
        AppConfig c = AppConfig.fromEnv(env());
        assertEquals(AppConfig.Limits.defaults(), c.limits());
        assertEquals(60, c.limits().chatPerMinute());
        assertEquals(20, c.limits().writesPerHour());
        AppConfig off = AppConfig.fromEnv(env("RATE_LIMIT_CHAT_PER_MINUTE", "0"));
        assertEquals(0, off.limits().chatPerMinute());
        AppConfig proxied = AppConfig.fromEnv(env("TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.10,::1"));
        assertEquals(3, proxied.limits().trustedProxies().size());
        assertTrue(proxied.limits().trustedProxies().get(0).contains("10.20.30.40"));
        assertFalse(proxied.limits().trustedProxies().get(0).contains("11.0.0.1"));
    }

    @Test
    void badValuesAreRefusedWithTheVariableNamed() {
        for (String[] bad : List.of(new String[] {"PORT", "abc"}, new String[] {"PORT", "70000"}, new String[] {"DENSE", "maybe"},
                new String[] {"SESSION_TTL_MINUTES", "0"}, new String[] {"WEBHOOK_URL", "ftp://x.example"},
                new String[] {"ALLOWED_ORIGINS", "https://site.example/path"}, new String[] {"KB_DIR", "/no/such/dir"},
                new String[] {"ADMIN_PASSWORD", "123456789012"}, new String[] {"ADMIN_PASSWORD", "password1234"},
                new String[] {"TRUSTED_PROXIES", "proxy.example"}, new String[] {"TRUSTED_PROXIES", "10.0.0.0/33"},
                new String[] {"RATE_LIMIT_CHAT_PER_MINUTE", "-1"}, new String[] {"RATE_LIMIT_WRITES_PER_HOUR", "many"},
                new String[] {"REMINDER_CHANNEL", "wechat"}, new String[] {"REMINDER_CHANNEL", "sms"},
                new String[] {"REPLY_WORKING_DAYS", "0"}, new String[] {"REPLY_WORKING_DAYS", "five"},
                new String[] {"EXTRA_HOLIDAYS", "2026-12-32"}, new String[] {"EXTRA_HOLIDAYS", "2026-12-07,7 Dec"})) {
            AppConfig.ConfigException e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.fromEnv(env(bad[0], bad[1])),
                    bad[0] + "=" + bad[1]);
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }

    /** The notice says how reminders arrive: the default is what the software does, and nothing else is accepted. */
    @Test
    void theReminderChannelDefaultsToWhatTheSoftwareDoesAndMustAgreeWithTheWebhook() {
        assertEquals(gov.dadukou.guidance.consent.ReminderChannel.NONE, AppConfig.fromEnv(env()).delivery().channel(),
                "without a webhook nothing is sent, so the notice must not promise text messages");
        assertEquals(gov.dadukou.guidance.consent.ReminderChannel.PHONE,
                AppConfig.fromEnv(env("WEBHOOK_URL", "https://gw.example/remind")).delivery().channel());
        assertEquals(gov.dadukou.guidance.consent.ReminderChannel.SMS,
                AppConfig.fromEnv(env("WEBHOOK_URL", "https://gw.example/remind", "REMINDER_CHANNEL", "SMS")).delivery().channel());
        AppConfig.ConfigException none = assertThrows(AppConfig.ConfigException.class,
                () -> AppConfig.fromEnv(env("WEBHOOK_URL", "https://gw.example/remind", "REMINDER_CHANNEL", "none")));
        assertTrue(none.getMessage().contains("REMINDER_CHANNEL"), none.getMessage());
    }

    @Test
    void theServerExitsWithCode2OnABadValue() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "gov.dadukou.guidance.Main");
        pb.environment().put("PORT", "not-a-port");
        pb.environment().put("DATA_DIR", data.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("PORT"), output);
    }

    @Test
    void codesGoToTheLogUnlessAnSmsGatewayIsSetWhichMustBeHttpsOrThisMachine() {
        assertEquals(AppConfig.Codes.log(), AppConfig.fromEnv(env()).codes());
        AppConfig c = AppConfig.fromEnv(env("CODE_WEBHOOK_URL", "https://sms.example.gov.cn/send", "CODE_WEBHOOK_SECRET", "s3cret"));
        assertEquals("https://sms.example.gov.cn/send", c.codes().webhookUrl().toString());
        assertFalse(c.toString().contains("s3cret"), "the secret is never printed");
        assertEquals("http://127.0.0.1:9000/sms", AppConfig.fromEnv(env("CODE_WEBHOOK_URL", "http://127.0.0.1:9000/sms")).codes().webhookUrl().toString());
        for (String[] wrong : List.of(new String[] {"CODE_WEBHOOK_URL", "http://sms.example.gov.cn/send"},
                new String[] {"CODE_WEBHOOK_URL", "ftp://sms.example.gov.cn/"}, new String[] {"CODE_WEBHOOK_URL", "not a url"},
                new String[] {"CODE_WEBHOOK_SECRET", "s3cret"})) {
            AppConfig.ConfigException e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.fromEnv(env(wrong)), wrong[1]);
            assertTrue(e.getMessage().startsWith(wrong[0]), e.getMessage());
        }
    }
}
