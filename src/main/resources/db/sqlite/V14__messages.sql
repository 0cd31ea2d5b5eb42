-- 留言咨询 (issue 17): messages to a department, their replies and ratings. Times are epoch milliseconds (UTC; BIGINT on PostgreSQL);
-- due_date is a Beijing calendar date (YYYY-MM-DD). Only the SHA-256 of a message's token is stored.
CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    ticket          TEXT NOT NULL UNIQUE,
    token_sha256    TEXT NOT NULL,
    question        TEXT NOT NULL,
    company_name    TEXT,
    credit_code     TEXT,
    topic           TEXT,
    department      TEXT,
    routed_by       TEXT NOT NULL,
    candidates      TEXT NOT NULL,
    status          TEXT NOT NULL,
    received_at     INTEGER NOT NULL,
    due_date        TEXT NOT NULL,
    reply_text      TEXT,
    reply_basis     TEXT,
    reply_by        TEXT,
    reply_department TEXT,
    reply_written_at INTEGER,
    return_comment  TEXT,
    approved_by     TEXT,
    replied_at      INTEGER,
    rating          TEXT,
    rating_reason   TEXT,
    rated_at        INTEGER,
    withdrawn_at    INTEGER,
    erased_at       INTEGER,
    draft_entry_id  TEXT
);
CREATE INDEX messages_department ON messages (department, status);
CREATE INDEX messages_received ON messages (received_at);

-- A contact for a call-back, only with the person's explicit consent; deleted on erasure.
CREATE TABLE message_contacts (
    message_id      INTEGER PRIMARY KEY REFERENCES messages (id),
    contact_name    TEXT NOT NULL,
    phone           TEXT NOT NULL,
    notice_sha256   TEXT NOT NULL,
    consented_at    INTEGER NOT NULL
);

-- What happened to a message, for staff: routing, reassignment (with the reason), reply, approval, return.
CREATE TABLE message_events (
    id              INTEGER PRIMARY KEY,
    message_id      INTEGER NOT NULL REFERENCES messages (id),
    at              INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    event           TEXT NOT NULL,
    detail          TEXT
);
CREATE INDEX message_events_message ON message_events (message_id);

-- Per-day ticket sequence, shared by every instance: 2026-1202-0042 is the 42nd message of 2 December 2026.
CREATE TABLE message_ticket_days (
    day             TEXT PRIMARY KEY,
    last_seq        INTEGER NOT NULL
);

-- Whether a department's replies need a reviewer's approval (a department without a row: yes).
CREATE TABLE message_department_settings (
    department          TEXT PRIMARY KEY,
    requires_approval   INTEGER NOT NULL,
    updated_by          TEXT NOT NULL,
    updated_at          INTEGER NOT NULL
);

-- The one notification of a reply to a contact who asked for a call-back: claimed by one instance, sent once.
CREATE TABLE message_notifications (
    message_id      INTEGER PRIMARY KEY REFERENCES messages (id),
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    last_error      TEXT
);
