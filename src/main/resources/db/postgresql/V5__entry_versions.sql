-- PostgreSQL twin of db/sqlite/V5__entry_versions.sql.
-- Staff-curated entries: every change is a new version; the published version of an entry is live.
CREATE TABLE kb_versions (
    entry_id        TEXT COLLATE "C" NOT NULL,
    version         INTEGER NOT NULL,
    content         TEXT COLLATE "C" NOT NULL,
    source_file     TEXT COLLATE "C" NOT NULL,
    status          TEXT COLLATE "C" NOT NULL CHECK (status IN
                        ('draft', 'submitted', 'approved', 'rejected', 'published', 'superseded', 'retired')),
    author          TEXT COLLATE "C" NOT NULL,
    created_at      TEXT COLLATE "C" NOT NULL,
    reviewer        TEXT COLLATE "C",
    review_comment  TEXT COLLATE "C",
    reviewed_at     TEXT COLLATE "C",
    published_by    TEXT COLLATE "C",
    published_at    TEXT COLLATE "C",
    PRIMARY KEY (entry_id, version)
);
CREATE INDEX kb_versions_status ON kb_versions (status);
