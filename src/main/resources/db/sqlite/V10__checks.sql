-- The no-penalty check (issue 19): which answers offered a check, and each finished check's outcome,
-- counted in the evaluation report. Nothing about the business is stored.
ALTER TABLE question_log ADD COLUMN check_offered INTEGER NOT NULL DEFAULT 0;
CREATE TABLE check_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    entry_id  TEXT NOT NULL,
    outcome   TEXT NOT NULL
);
CREATE INDEX check_log_at ON check_log (at);
