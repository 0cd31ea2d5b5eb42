package gov.dadukou.guidance.store;

import gov.dadukou.guidance.TestClock;
import gov.dadukou.guidance.admin.PasswordHasher;
import gov.dadukou.guidance.admin.StaffService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database from before the staff hardening upgrades in place: accounts keep working, old locks are released. */
class StaffUpgradeTest {
    @TempDir
    Path dir;

    /** A database as the previous release left it: schema version 5, one account locked by the old code. */
    void previousRelease(Path file, String hash) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            PreviousRelease.schema(c, 5);
            s.execute("INSERT INTO staff_accounts (username, password_hash, role, created_at, failed_logins, locked_until) VALUES "
                    + "('reviewer1', '" + hash + "', 'reviewer', '2026-01-01T00:00:00Z', 0, '2999-01-01T00:00:00Z')");
        }
    }

    @Test
    void anAccountLockedByTheOldCodeSignsInAfterTheUpgradeWithNoRecordedCreator() throws Exception {
        Path file = dir.resolve("guidance.db");
        PasswordHasher hasher = new PasswordHasher(1_000);
        previousRelease(file, hasher.hash("reviewer-password-1".toCharArray()));
        try (Database db = Database.open(file)) {
            assertTrue(db.schemaVersion() >= 6);
            StaffService staff = new StaffService(db, new TestClock(Instant.parse("2026-12-01T08:00:00Z")), hasher, Duration.ofHours(8));
            StaffService.Login login = staff.login("reviewer1", "reviewer-password-1".toCharArray(), "203.0.113.1");
            assertNull(login.account().createdBy(), "not recorded before the upgrade");
            assertEquals(false, login.account().mustChangePassword());
        }
    }
}
