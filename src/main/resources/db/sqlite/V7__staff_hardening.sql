-- Staff hardening: who made each account (four eyes), a forced password change after an admin's reset,
-- and a record of role changes. Existing rows upgrade in place: accounts made before this have no
-- recorded creator (NULL), and nobody is forced to change their password.
ALTER TABLE staff_accounts ADD COLUMN created_by TEXT;
ALTER TABLE staff_accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff_accounts ADD COLUMN password_changed_at TEXT;
-- The admin who last reset the password, and when: that admin knew a password of the account, so it may
-- not approve their versions for 30 days (four eyes).
ALTER TABLE staff_accounts ADD COLUMN password_reset_by TEXT;
ALTER TABLE staff_accounts ADD COLUMN password_reset_at TEXT;

-- The hard account lock is gone (login delays are per username and address, in memory): release any
-- account an attacker had locked. The columns stay so that an older build can still read the file.
UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL;

-- Who changed whose role, when. The four-eyes rule reads it: an author may not approve through an
-- account whose role they changed in the last 30 days. Append-only, like the audit log.
CREATE TABLE staff_role_changes (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES staff_accounts (id),
    changed_by  TEXT NOT NULL,
    from_role   TEXT NOT NULL,
    to_role     TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX staff_role_changes_account ON staff_role_changes (account_id);

CREATE TRIGGER staff_role_changes_no_update BEFORE UPDATE ON staff_role_changes
BEGIN
    SELECT RAISE(ABORT, 'staff_role_changes is append-only');
END;

CREATE TRIGGER staff_role_changes_no_delete BEFORE DELETE ON staff_role_changes
BEGIN
    SELECT RAISE(ABORT, 'staff_role_changes is append-only');
END;

-- Sessions are ended per account (deactivation, password change) and purged by expiry.
CREATE INDEX staff_sessions_account ON staff_sessions (account_id);
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);
