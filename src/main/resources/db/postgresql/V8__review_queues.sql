-- PostgreSQL twin of db/sqlite/V8__review_queues.sql.
-- The review queues. submitted_at: when a version was sent to legal review; verification: what the editor
-- checked for a version that confirms an entry's staff-verification mark (JSON), NULL otherwise.
ALTER TABLE kb_versions ADD COLUMN submitted_at TEXT COLLATE "C";
ALTER TABLE kb_versions ADD COLUMN verification TEXT COLLATE "C";
UPDATE kb_versions SET submitted_at = created_at WHERE status = 'submitted';

-- One row per entry: its latest version's summary and its live version, derived from kb_versions and
-- rewritten in the same transaction as every change to an entry's versions (VersionRows.reindex).
-- The column order is SQLite's: VersionRows inserts without a column list.
CREATE TABLE kb_entry_index (
    entry_id        TEXT COLLATE "C" PRIMARY KEY,
    version         INTEGER NOT NULL,
    status          TEXT COLLATE "C" NOT NULL,
    title           TEXT COLLATE "C" NOT NULL,
    kind            TEXT COLLATE "C" NOT NULL,
    department      TEXT COLLATE "C" NOT NULL,
    method          TEXT COLLATE "C",
    reviewed        TEXT COLLATE "C" NOT NULL,
    verify          TEXT COLLATE "C",
    verification    INTEGER NOT NULL,
    search_text     TEXT COLLATE "C" NOT NULL,
    live_version    INTEGER,
    author          TEXT COLLATE "C" NOT NULL,
    created_at      TEXT COLLATE "C" NOT NULL,
    submitted_at    TEXT COLLATE "C",
    reviewer        TEXT COLLATE "C",
    review_comment  TEXT COLLATE "C",
    reviewed_at     TEXT COLLATE "C"
);
CREATE INDEX kb_entry_index_status ON kb_entry_index (status, submitted_at);
CREATE INDEX kb_entry_index_author ON kb_entry_index (author, status);
CREATE INDEX kb_entry_index_department ON kb_entry_index (department, entry_id);

INSERT INTO kb_entry_index SELECT v.entry_id, v.version, v.status, json_extract(v.content, '$.title'),
    json_extract(v.content, '$.kind'), json_extract(v.content, '$.department'), json_extract(v.content, '$.method'),
    json_extract(v.content, '$.reviewed'), json_extract(v.content, '$.verify'),
    CASE WHEN v.verification IS NOT NULL THEN 1 ELSE 0 END,
    v.entry_id || ' ' || json_extract(v.content, '$.title') || ' ' || json_extract(v.content, '$.questions') || ' '
        || json_extract(v.content, '$.answer'),
    (SELECT p.version FROM kb_versions p WHERE p.entry_id = v.entry_id AND p.status = 'published'),
    v.author, v.created_at, v.submitted_at, v.reviewer, v.review_comment, v.reviewed_at
    FROM kb_versions v WHERE v.version = (SELECT MAX(x.version) FROM kb_versions x WHERE x.entry_id = v.entry_id);
-- The report's "verified" figure reads only the versions that carry a verification note.
CREATE INDEX kb_versions_verified ON kb_versions (entry_id) WHERE verification IS NOT NULL;
