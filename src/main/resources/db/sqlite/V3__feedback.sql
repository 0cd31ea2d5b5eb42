-- Helpful / not helpful on an answer, with an optional reason (masked before it is stored).
CREATE TABLE answer_feedback (
    id          INTEGER PRIMARY KEY,
    entry_id    TEXT NOT NULL,
    helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    reason      TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX answer_feedback_entry ON answer_feedback (entry_id);
