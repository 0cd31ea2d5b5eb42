-- Login throttling moves from memory to the database, so that every instance on one database decides
-- alike (LoginThrottle). Times are epoch milliseconds.

-- Failures per (username as typed, client address): the delay after the third grows 2, 4, 8 … s.
CREATE TABLE login_failures (
    username       TEXT NOT NULL,
    address        TEXT NOT NULL,
    failures       INTEGER NOT NULL,
    last_at        INTEGER NOT NULL,
    refused_until  INTEGER,
    PRIMARY KEY (username, address)
);
CREATE INDEX login_failures_username ON login_failures (username);
CREATE INDEX login_failures_last ON login_failures (last_at);

-- Recent failures per address across usernames (against password spraying); one row per counted try.
CREATE TABLE login_address_failures (
    id       INTEGER PRIMARY KEY,
    address  TEXT NOT NULL,
    at       INTEGER NOT NULL
);
CREATE INDEX login_address_failures_address ON login_address_failures (address, at);
CREATE INDEX login_address_failures_at ON login_address_failures (at);

-- The public API's shared rate-limit buckets (Bucket4j's PostgreSQL proxy manager). Used on PostgreSQL only:
-- on SQLite (one instance) the buckets stay in memory and this table stays empty; it exists so that both
-- backends have the same tables (PostgresSchemaTest, db copy).
CREATE TABLE rate_limit_buckets (
    id          TEXT PRIMARY KEY,
    state       BLOB,
    expires_at  INTEGER
);
CREATE INDEX rate_limit_buckets_expires ON rate_limit_buckets (expires_at);
