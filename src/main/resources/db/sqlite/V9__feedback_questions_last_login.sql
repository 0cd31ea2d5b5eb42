-- Feedback linked to the question that was asked: each logged question gets a random reference that the
-- chat reply carries (questionId) and the widget sends back with its feedback. Feedback given before this
-- has no link (NULL) and shows without its question.
ALTER TABLE question_log ADD COLUMN ref TEXT;
CREATE INDEX question_log_ref ON question_log (ref);
ALTER TABLE answer_feedback ADD COLUMN question_ref TEXT;

-- When each account last signed in, for the admin's account list. Filled from the audit log's logins.
ALTER TABLE staff_accounts ADD COLUMN last_login_at TEXT;
UPDATE staff_accounts SET last_login_at =
    (SELECT MAX(at) FROM staff_audit WHERE staff_audit.action = 'login' AND staff_audit.username = staff_accounts.username);
CREATE INDEX staff_audit_username ON staff_audit (username);
