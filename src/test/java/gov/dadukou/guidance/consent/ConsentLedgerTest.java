package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ConsentLedgerTest {
    public static final List<String> TOPICS = List.of("食品安全", "消防安全", "年度报告");
    public static final ConsentService.NoticeSettings SETTINGS = new ConsentService.NoticeSettings("测试运营单位", "12345政务服务便民热线", "测试保存期限。");

    @TempDir
    Path dir;
    Database db;
    ConsentService consent;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("test.db"));
        consent = new ConsentService(db, Clock.systemUTC(), TOPICS, SETTINGS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static ConsentRequest request(String creditCode) {
        return new ConsentRequest("重庆测试餐饮有限公司", creditCode, "张三", "13812341234", List.of("食品安全"), 1, true);
    }

    static String code(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    @Test
    void grantWithdrawAndEraseChainAndVerify() {
        ConsentReceipt r = consent.grant(request("91350100M000100Y43"));
        consent.withdraw(r.receiptId(), r.withdrawToken());
        consent.eraseContact(r.receiptId(), r.withdrawToken());
        ConsentView v = consent.view(r.receiptId(), r.withdrawToken());
        assertEquals("withdrawn", v.status());
        assertTrue(v.contactErased());
        assertNull(v.contactName());
        assertEquals(List.of("granted", "withdrawn", "erased"), v.history().stream().map(ConsentView.HistoryItem::event).toList());
        ConsentLedger.Verification check = consent.verify();
        assertTrue(check.ok(), String.valueOf(check));
        assertEquals(3, check.events());
    }

    @Test
    void databaseTriggersRefuseUpdateAndDeleteOfLedgerRows() {
        consent.grant(request("91350100M000100Y43"));
        assertThrows(StoreException.class, () -> db.transaction(c -> execute(c, "UPDATE consent_events SET at = 'x' WHERE seq = 1")));
        assertThrows(StoreException.class, () -> db.transaction(c -> execute(c, "DELETE FROM consent_events")));
        assertTrue(consent.verify().ok());
    }

    @Test
    void editForcedThroughWithTriggersDroppedIsNamedByVerify() throws SQLException {
        consent.grant(request("91350100M000100Y43"));
        consent.grant(request(code("91500104MA5UABCD2")));
        consent.grant(request(code("91500104MA5UABCD3")));
        db.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db")); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER consent_events_no_update");
            s.execute("UPDATE consent_events SET payload = replace(payload, '重庆测试餐饮有限公司', '别的公司') WHERE seq = 2");
        }
        db = Database.open(dir.resolve("test.db"));
        consent = new ConsentService(db, Clock.systemUTC(), TOPICS, SETTINGS);
        ConsentLedger.Verification check = consent.verify();
        assertFalse(check.ok());
        assertEquals(2, check.firstBadSeq());
    }

    @Test
    void deletedEventIsNamedByVerify() throws SQLException {
        for (int i = 0; i < 3; i++) {
            consent.grant(request(code("9150010400000000" + i)));
        }
        db.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db")); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER consent_events_no_delete");
            s.execute("DELETE FROM consent_events WHERE seq = 2");
        }
        db = Database.open(dir.resolve("test.db"));
        consent = new ConsentService(db, Clock.systemUTC(), TOPICS, SETTINGS);
        assertEquals(2, consent.verify().firstBadSeq());
    }

    @Test
    void concurrentConsentsNeverForkTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ConsentReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String first17 = String.format("915001040000%05d", i);
            futures.add(pool.submit(() -> consent.grant(request(code(first17)))));
        }
        for (Future<ConsentReceipt> f : futures) {
            f.get();
        }
        pool.shutdown();
        ConsentLedger.Verification check = consent.verify();
        assertTrue(check.ok(), String.valueOf(check));
        assertEquals(80, check.events());
    }

    @Test
    void consentingAgainWithoutACodeSupersedesNothing() {
        ConsentReceipt first = consent.grant(request("91350100M000100Y43"));
        ConsentReceipt second = consent.grant(request("91350100M000100Y43"));
        assertEquals("active", consent.view(first.receiptId(), first.withdrawToken()).status());
        assertEquals("active", consent.view(second.receiptId(), second.withdrawToken()).status());
        assertTrue(consent.verify().ok());
    }

    @Test
    void aCurrentStateRowThatDisagreesWithTheLedgerIsNamedByVerify() {
        ConsentReceipt r = consent.grant(request("91350100M000100Y43"));
        db.transaction(c -> execute(c, "UPDATE consent_state SET status = 'withdrawn' WHERE receipt_id = '" + r.receiptId() + "'"));
        ConsentLedger.Verification check = consent.verify();
        assertFalse(check.ok());
        assertTrue(check.problem().contains(r.receiptId()), check.problem());
    }

    @Test
    void changedNoticeTextBecomesANewVersionAndOldReceiptsAreRefused() {
        ConsentService changed = new ConsentService(db, Clock.systemUTC(), TOPICS,
                new ConsentService.NoticeSettings("另一运营单位", "12345政务服务便民热线", "测试保存期限。"));
        assertEquals(2, changed.notice().version());
        assertFalse(changed.notice().sha256().equals(consent.notice().sha256()));
        ClientException e = assertThrows(ClientException.class, () -> changed.grant(request("91350100M000100Y43")));
        assertEquals("stale_notice_version", e.code());
        assertEquals(1, new ConsentService(db, Clock.systemUTC(), TOPICS, SETTINGS).notice().version(), "same text, same version");
    }

    @Test
    void wrongTokenCannotWithdraw() {
        ConsentReceipt r = consent.grant(request("91350100M000100Y43"));
        ClientException e = assertThrows(ClientException.class, () -> consent.withdraw(r.receiptId(), "not-the-token"));
        assertEquals(403, e.status());
        assertEquals("active", consent.view(r.receiptId(), r.withdrawToken()).status());
    }

    @Test
    void exportMasksPhonesUnlessAsked() {
        consent.grant(request("91350100M000100Y43"));
        assertEquals("138****1234", consent.all(false).get(0).phone());
        assertEquals("13812341234", consent.all(true).get(0).phone());
    }

    private static Void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return null;
    }
}
