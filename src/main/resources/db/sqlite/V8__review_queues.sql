-- The review queues. submitted_at: when a version was sent to legal review (the queue's age, oldest
-- first); versions already waiting take their creation time. verification: for a version that confirms
-- an entry's staff-verification mark, what the editor checked, against which source and of what date
-- (JSON {"checked", "source", "sourceDate"}); NULL for every other version.
ALTER TABLE kb_versions ADD COLUMN submitted_at TEXT;
ALTER TABLE kb_versions ADD COLUMN verification TEXT;
UPDATE kb_versions SET submitted_at = created_at WHERE status = 'submitted';

-- One row per entry: its latest version's summary and its live version, derived from kb_versions and
-- rewritten in the same transaction as every change to an entry's versions (VersionRows.reindex), so the
-- console's queues filter, sort and page with indexes instead of reading every version's JSON.
-- search_text: id, title, phrasings and answer, for the console's search.
CREATE TABLE kb_entry_index (
    entry_id        TEXT PRIMARY KEY,
    version         INTEGER NOT NULL,
    status          TEXT NOT NULL,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    department      TEXT NOT NULL,
    method          TEXT,
    reviewed        TEXT NOT NULL,
    verify          TEXT,
    verification    INTEGER NOT NULL,
    search_text     TEXT NOT NULL,
    live_version    INTEGER,
    author          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    submitted_at    TEXT,
    reviewer        TEXT,
    review_comment  TEXT,
    reviewed_at     TEXT
);
CREATE INDEX kb_entry_index_status ON kb_entry_index (status, submitted_at);
CREATE INDEX kb_entry_index_author ON kb_entry_index (author, status);
CREATE INDEX kb_entry_index_department ON kb_entry_index (department, entry_id);

INSERT INTO kb_entry_index SELECT v.entry_id, v.version, v.status, json_extract(v.content, '$.title'),
    json_extract(v.content, '$.kind'), json_extract(v.content, '$.department'), json_extract(v.content, '$.method'),
    json_extract(v.content, '$.reviewed'), json_extract(v.content, '$.verify'), v.verification IS NOT NULL,
    v.entry_id || ' ' || json_extract(v.content, '$.title') || ' ' || json_extract(v.content, '$.questions') || ' '
        || json_extract(v.content, '$.answer'),
    (SELECT p.version FROM kb_versions p WHERE p.entry_id = v.entry_id AND p.status = 'published'),
    v.author, v.created_at, v.submitted_at, v.reviewer, v.review_comment, v.reviewed_at
    FROM kb_versions v WHERE v.version = (SELECT MAX(x.version) FROM kb_versions x WHERE x.entry_id = v.entry_id);
-- The report's "verified" figure reads only the versions that carry a verification note.
CREATE INDEX kb_versions_verified ON kb_versions (entry_id) WHERE verification IS NOT NULL;
