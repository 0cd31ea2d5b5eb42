-- One reminder delivery per business (credit code), reminder and season (the year its window starts in):
-- the UNIQUE key is what keeps deliveries idempotent across restarts. No phone number is stored here.
CREATE TABLE reminder_deliveries (
    id               INTEGER PRIMARY KEY,
    credit_code      TEXT NOT NULL,
    reminder_id      TEXT NOT NULL,
    season           INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    finished_at      TEXT,
    UNIQUE (credit_code, reminder_id, season)
);
CREATE INDEX reminder_deliveries_due ON reminder_deliveries (status, next_attempt_at);
