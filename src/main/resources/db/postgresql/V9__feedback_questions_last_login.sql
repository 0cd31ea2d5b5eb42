-- PostgreSQL twin of db/sqlite/V9__feedback_questions_last_login.sql.
-- Feedback linked to the question that was asked (question_log.ref, carried as questionId).
ALTER TABLE question_log ADD COLUMN ref TEXT COLLATE "C";
CREATE INDEX question_log_ref ON question_log (ref);
ALTER TABLE answer_feedback ADD COLUMN question_ref TEXT COLLATE "C";

-- When each account last signed in, for the admin's account list. Filled from the audit log's logins.
ALTER TABLE staff_accounts ADD COLUMN last_login_at TEXT COLLATE "C";
UPDATE staff_accounts SET last_login_at =
    (SELECT MAX(at) FROM staff_audit WHERE staff_audit.action = 'login' AND staff_audit.username = staff_accounts.username);
CREATE INDEX staff_audit_username ON staff_audit (username);
