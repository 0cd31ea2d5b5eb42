-- PostgreSQL twin of db/sqlite/V12__live_generation_chat_sessions.sql.
-- Several instances on one database (issue 16).
-- kb_generation: one row, bumped in the same transaction as every change to the live (published) entries, so
-- that each instance can see with one indexed read whether it must reload them (LiveEntrySync).
CREATE TABLE kb_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  BIGINT NOT NULL
);
INSERT INTO kb_generation (id, generation) VALUES (1, 0);
-- chat_sessions: the last answered turn of each chat session, for follow-ups that land on another instance
-- (DatabaseSessions). The client's session id is stored only as its SHA-256 (hex); the question is masked
-- (PersonalData); updated_ms is epoch milliseconds.
CREATE TABLE chat_sessions (
    session_hash  TEXT COLLATE "C" PRIMARY KEY,
    question      TEXT COLLATE "C" NOT NULL,
    entry_id      TEXT COLLATE "C" NOT NULL,
    updated_ms    BIGINT NOT NULL
);
CREATE INDEX chat_sessions_updated ON chat_sessions (updated_ms);
