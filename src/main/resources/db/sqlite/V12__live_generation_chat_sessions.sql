-- Several instances on one database (issue 16).
-- kb_generation: one row, bumped in the same transaction as every change to the live (published) entries, so
-- that each instance can see with one indexed read whether it must reload them (LiveEntrySync).
CREATE TABLE kb_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL
);
INSERT INTO kb_generation (id, generation) VALUES (1, 0);
-- chat_sessions: the last answered turn of each chat session, for follow-ups that land on another instance
-- (DatabaseSessions; PostgreSQL only, SQLite keeps them in memory). The client's session id is stored only as
-- its SHA-256 (hex); the question is masked (PersonalData); updated_ms is epoch milliseconds.
CREATE TABLE chat_sessions (
    session_hash  TEXT PRIMARY KEY,
    question      TEXT NOT NULL,
    entry_id      TEXT NOT NULL,
    updated_ms    INTEGER NOT NULL
);
CREATE INDEX chat_sessions_updated ON chat_sessions (updated_ms);
