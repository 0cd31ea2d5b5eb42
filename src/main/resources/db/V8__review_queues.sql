-- The review queues. submitted_at: when a version was sent to legal review (the queue's age, oldest
-- first); versions already waiting take their creation time. verification: for a version that confirms
-- an entry's staff-verification mark, what the editor checked, against which source and of what date
-- (JSON {"checked", "source", "sourceDate"}); NULL for every other version.
ALTER TABLE kb_versions ADD COLUMN submitted_at TEXT;
ALTER TABLE kb_versions ADD COLUMN verification TEXT;
UPDATE kb_versions SET submitted_at = created_at WHERE status = 'submitted';
-- "My drafts" and "returned to me" read by author.
CREATE INDEX kb_versions_author ON kb_versions (author, status);
