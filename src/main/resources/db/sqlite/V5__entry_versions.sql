-- Staff-curated entries: every change is a new version; the published version of an entry is live.
CREATE TABLE kb_versions (
    entry_id        TEXT NOT NULL,
    version         INTEGER NOT NULL,
    content         TEXT NOT NULL,
    source_file     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN
                        ('draft', 'submitted', 'approved', 'rejected', 'published', 'superseded', 'retired')),
    author          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    reviewer        TEXT,
    review_comment  TEXT,
    reviewed_at     TEXT,
    published_by    TEXT,
    published_at    TEXT,
    PRIMARY KEY (entry_id, version)
);
CREATE INDEX kb_versions_status ON kb_versions (status);
