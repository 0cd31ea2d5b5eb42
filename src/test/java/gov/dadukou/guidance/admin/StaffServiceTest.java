package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;
import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logins do the same work whatever is wrong, and expired sessions do not pile up. */
class StaffServiceTest {
    static final int ITERATIONS = 1_000;
    @TempDir
    Path dir;
    Database db;
    TestClock clock;
    PasswordHasher hasher;
    StaffService staff;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("guidance.db"));
        clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
        hasher = new PasswordHasher(ITERATIONS);
        staff = new StaffService(db, clock, hasher, Duration.ofHours(8));
        staff.create("editor1", "editor-password-1".toCharArray(), Role.EDITOR, "区市场监管局");
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** PBKDF2 iterations one failed login ran. */
    long hashingOf(String username, String password, String address) {
        long before = hasher.verifiedIterations();
        ClientException e = assertThrows(ClientException.class, () -> staff.login(username, password.toCharArray(), address));
        assertEquals("invalid_credentials", e.code());
        return hasher.verifiedIterations() - before;
    }

    @Test
    void anUnknownUsernameCostsTheSameHashingAsAWrongPassword() {
        long wrongPassword = hashingOf("editor1", "not-the-password-1", "203.0.113.1");
        long unknownUser = hashingOf("no-such-user", "not-the-password-1", "203.0.113.2");
        assertEquals(ITERATIONS, wrongPassword);
        assertEquals(wrongPassword, unknownUser, "the dummy hash is verified at the same cost as a real one");
    }

    @Test
    void aDeactivatedAccountWithTheRightPasswordIsAnsweredLikeAWrongPassword() {
        StaffService.Account admin = staff.create("admin", "first-admin-password-1".toCharArray(), Role.ADMIN, null);
        staff.deactivate(admin, "editor1");
        assertEquals(ITERATIONS, hashingOf("editor1", "editor-password-1", "203.0.113.1"));
    }

    @Test
    void expiredSessionsArePurgedAtTheNextLogin() {
        staff.login("editor1", "editor-password-1".toCharArray(), "203.0.113.1");
        staff.login("editor1", "editor-password-1".toCharArray(), "203.0.113.1");
        assertEquals(2, staff.storedSessions());
        clock.advance(Duration.ofHours(9));
        StaffService.Login fresh = staff.login("editor1", "editor-password-1".toCharArray(), "203.0.113.1");
        assertEquals(1, staff.storedSessions(), "only the new session is left");
        assertTrue(staff.session(fresh.token()).isPresent());
    }

    @Test
    void accountsRecordWhoCreatedThem() {
        StaffService.Account admin = staff.create("admin", "first-admin-password-1".toCharArray(), Role.ADMIN, null);
        staff.create(admin, "reviewer1", "reviewer-password-1".toCharArray(), Role.REVIEWER, null);
        var listed = staff.accounts();
        assertEquals(StaffService.SYSTEM, listed.get(1).createdBy());
        assertEquals("admin", listed.get(2).createdBy());
    }
}
