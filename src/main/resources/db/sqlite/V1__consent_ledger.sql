-- Consent notices: every version of the text ever shown, never changed.
CREATE TABLE consent_notices (
    version     INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- The ledger: append-only, each event chained to the previous one by SHA-256.
-- payload is canonical JSON without personal data (no contact name, no phone).
CREATE TABLE consent_events (
    seq         INTEGER PRIMARY KEY,
    receipt_id  TEXT NOT NULL,
    event       TEXT NOT NULL CHECK (event IN ('granted', 'withdrawn', 'superseded', 'erased')),
    at          TEXT NOT NULL,
    payload     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX consent_events_receipt ON consent_events (receipt_id);

CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN
    SELECT RAISE(ABORT, 'consent_events is append-only');
END;

CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN
    SELECT RAISE(ABORT, 'consent_events is append-only');
END;

CREATE TRIGGER consent_notices_no_update BEFORE UPDATE ON consent_notices
BEGIN
    SELECT RAISE(ABORT, 'consent_notices is append-only');
END;

-- Personal data, kept apart so that it can be erased on request (an 'erased' event records that).
CREATE TABLE consent_contacts (
    receipt_id    TEXT PRIMARY KEY,
    contact_name  TEXT NOT NULL,
    phone         TEXT NOT NULL
);
