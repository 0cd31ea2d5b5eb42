-- PostgreSQL twin of db/sqlite/V11__delivery_leases.sql.
-- Several instances drain one outbox (#16): a pending delivery is sent only by the instance that claimed it.
-- claimed_by: the instance (process@host/random) holding the row; lease_until: until when, UTC text like
-- next_attempt_at ('2027-06-10T02:00:00.000Z'), so that the two compare as text (COLLATE "C", bytewise, as
-- SQLite). Both NULL when nobody holds it; a lease in the past is free to be claimed again. Existing rows start free.
ALTER TABLE reminder_deliveries ADD COLUMN claimed_by TEXT COLLATE "C";
ALTER TABLE reminder_deliveries ADD COLUMN lease_until TEXT COLLATE "C";
