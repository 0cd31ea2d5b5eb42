-- Staff accounts. Passwords are PBKDF2-HMAC-SHA256 hashes with their salt and iteration count.
CREATE TABLE staff_accounts (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('editor', 'reviewer', 'admin')),
    department     TEXT,
    active         INTEGER NOT NULL DEFAULT 1,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT,
    created_at     TEXT NOT NULL
);

-- Sessions: only the SHA-256 of the cookie's token is stored.
CREATE TABLE staff_sessions (
    token_sha256  TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES staff_accounts (id),
    csrf_token    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);

-- What staff did, including every view of personal data. Append-only.
CREATE TABLE staff_audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    username    TEXT NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT
);

CREATE TRIGGER staff_audit_no_update BEFORE UPDATE ON staff_audit
BEGIN
    SELECT RAISE(ABORT, 'staff_audit is append-only');
END;

CREATE TRIGGER staff_audit_no_delete BEFORE DELETE ON staff_audit
BEGIN
    SELECT RAISE(ABORT, 'staff_audit is append-only');
END;

-- What businesses ask: the question with personal data masked, the outcome and the entry answered.
CREATE TABLE question_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    question    TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    entry_id    TEXT,
    confidence  REAL NOT NULL
);
CREATE INDEX question_log_at ON question_log (at);
