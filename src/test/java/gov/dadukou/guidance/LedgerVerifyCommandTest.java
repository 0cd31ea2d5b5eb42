package gov.dadukou.guidance;

import gov.dadukou.guidance.consent.ConsentRequest;
import gov.dadukou.guidance.consent.ConsentService;
import gov.dadukou.guidance.consent.CreditCode;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar … ledger verify} in its own JVM, pointed at the database as the server is (DATA_DIR or DATABASE_URL). */
class LedgerVerifyCommandTest {
    @TempDir
    Path dir;
    DatabaseInstances instances;

    @AfterEach
    void close() {
        if (instances != null) {
            instances.close();
        }
    }

    /** Exit code and output of {@code ledger verify}. */
    record Result(int exit, String output) {
    }

    Result ledgerVerify() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "gov.dadukou.guidance.Main", "ledger", "verify");
        Map<String, String> env = pb.environment();
        List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_POOL_SIZE").forEach(env::remove);
        env.put("DATA_DIR", dir.toString());
        env.put("KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
        env.putAll(instances.env());
        Process p = pb.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ledger verify did not finish");
        return new Result(p.exitValue(), output);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gov.dadukou.guidance.DatabaseInstances#backends")
    void ledgerVerifyAcceptsTheChainAndNamesTheFirstEventEditedBehindTheTriggers(String backend) throws Exception {
        instances = DatabaseInstances.of(backend, dir);
        Database db = instances.open();
        ConsentService consent = new ConsentService(db, Clock.systemUTC(), List.of("食品安全"),
                new ConsentService.NoticeSettings("测试", "12345政务服务便民热线", "测试。"));
        for (int n = 0; n < 3; n++) {
            String first17 = String.format("915001040000%05d", n);
            consent.grant(new ConsentRequest("测试公司" + n, first17 + CreditCode.checkCharacter(first17), "张三", "13812341234",
                    List.of("食品安全"), consent.notice().version(), true));
        }
        Result ok = ledgerVerify();
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("ledger OK: 3 events verified"), ok.output());

        // Someone with the database's owner rights switches the guard off and edits an event.
        db.inTransaction(h -> h.execute(instances.dialect() == Database.Dialect.POSTGRESQL
                ? "ALTER TABLE consent_events DISABLE TRIGGER consent_events_no_update" : "DROP TRIGGER consent_events_no_update"));
        db.inTransaction(h -> h.execute("UPDATE consent_events SET at = '2020-01-01T00:00:00.000+00:00' WHERE seq = 2"));
        Result broken = ledgerVerify();
        assertEquals(1, broken.exit(), broken.output());
        assertTrue(broken.output().contains("LEDGER BROKEN at event 2"), broken.output());
    }
}
