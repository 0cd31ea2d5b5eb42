-- The current state of every consent, kept in the same transaction as each ledger append, so that a
-- write reads only the rows it needs instead of replaying the whole ledger. The ledger stays the proof;
-- this table is derived from it (the backfill below recomputes it from the events of an existing database,
-- and `ledger verify` checks that it still agrees with the ledger).
-- verified: the contact proved the phone with a one-time code when consenting (the granted event says so
-- as phoneVerified); consents given before codes existed are not verified.
CREATE TABLE consent_state (
    receipt_id    TEXT PRIMARY KEY,
    credit_code   TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('active', 'withdrawn', 'superseded')),
    verified      INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    granted_seq   INTEGER NOT NULL UNIQUE,
    granted_at    TEXT NOT NULL,
    ended_at      TEXT,
    token_sha256  TEXT NOT NULL
);
-- (credit_code, status, granted_seq) answers "this business's active consents, oldest first" from the index
-- alone; with (credit_code, status) only, SQLite preferred the status index below for that query and
-- walked every active consent (found by the benchmark at 100,000 events).
CREATE INDEX consent_state_business ON consent_state (credit_code, status, granted_seq);
CREATE INDEX consent_state_status ON consent_state (status, granted_seq);

INSERT INTO consent_state (receipt_id, credit_code, status, verified, granted_seq, granted_at, ended_at, token_sha256)
SELECT g.receipt_id,
       json_extract(g.payload, '$.creditCode'),
       CASE
           WHEN EXISTS (SELECT 1 FROM consent_events w WHERE w.receipt_id = g.receipt_id AND w.event = 'withdrawn') THEN 'withdrawn'
           WHEN EXISTS (SELECT 1 FROM consent_events s WHERE s.receipt_id = g.receipt_id AND s.event = 'superseded') THEN 'superseded'
           ELSE 'active'
       END,
       CASE WHEN json_extract(g.payload, '$.phoneVerified') = 1 THEN 1 ELSE 0 END,
       g.seq,
       g.at,
       COALESCE((SELECT w.at FROM consent_events w WHERE w.receipt_id = g.receipt_id AND w.event = 'withdrawn' ORDER BY w.seq DESC LIMIT 1),
                (SELECT s.at FROM consent_events s WHERE s.receipt_id = g.receipt_id AND s.event = 'superseded' ORDER BY s.seq LIMIT 1)),
       json_extract(g.payload, '$.tokenSha256')
FROM consent_events g
WHERE g.event = 'granted';

-- One-time codes proving a phone belongs to the person consenting. Only hashes are kept: the phone as
-- SHA-256 (the row lives minutes), the code as SHA-256 with a random salt. One row per phone.
CREATE TABLE consent_codes (
    phone_sha256  TEXT PRIMARY KEY,
    salt          TEXT NOT NULL,
    code_sha256   TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    sent_at       TEXT NOT NULL,
    day           TEXT NOT NULL,
    sent_that_day INTEGER NOT NULL
);

-- Deliveries go to a consent (one contact of a business), no longer to a business: several contacts of
-- one business may each have consented. SQLite cannot drop the old UNIQUE key in place, so the table is
-- rebuilt; every row is kept, and old rows point at the latest consent of their business (before this
-- version a business had at most one active consent).
CREATE TABLE reminder_deliveries_v6 (
    id               INTEGER PRIMARY KEY,
    credit_code      TEXT NOT NULL,
    receipt_id       TEXT NOT NULL,
    reminder_id      TEXT NOT NULL,
    season           INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    finished_at      TEXT,
    UNIQUE (receipt_id, reminder_id, season)
);
INSERT INTO reminder_deliveries_v6 (id, credit_code, receipt_id, reminder_id, season, status, attempts, next_attempt_at,
                                    last_error, created_at, finished_at)
SELECT d.id, d.credit_code,
       COALESCE((SELECT s.receipt_id FROM consent_state s WHERE s.credit_code = d.credit_code ORDER BY s.granted_seq DESC LIMIT 1),
                'legacy:' || d.credit_code),
       d.reminder_id, d.season, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.finished_at
FROM reminder_deliveries d;
DROP TABLE reminder_deliveries;
ALTER TABLE reminder_deliveries_v6 RENAME TO reminder_deliveries;
CREATE INDEX reminder_deliveries_due ON reminder_deliveries (status, next_attempt_at);
