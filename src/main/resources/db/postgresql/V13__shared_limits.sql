-- Login throttling moves from memory to the database, so that every instance on one database decides
-- alike (LoginThrottle). Times are epoch milliseconds. Same tables as the SQLite V13.

-- Failures per (username as typed, client address): the delay after the third grows 2, 4, 8 … s.
CREATE TABLE login_failures (
    username       TEXT COLLATE "C" NOT NULL,
    address        TEXT COLLATE "C" NOT NULL,
    failures       INTEGER NOT NULL,
    last_at        BIGINT NOT NULL,
    refused_until  BIGINT,
    PRIMARY KEY (username, address)
);
CREATE INDEX login_failures_username ON login_failures (username);
CREATE INDEX login_failures_last ON login_failures (last_at);

-- Recent failures per address across usernames (against password spraying); one row per counted try.
CREATE TABLE login_address_failures (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address  TEXT COLLATE "C" NOT NULL,
    at       BIGINT NOT NULL
);
CREATE INDEX login_address_failures_address ON login_address_failures (address, at);
CREATE INDEX login_address_failures_at ON login_address_failures (at);

-- The public API's token buckets, shared by every instance (Bucket4j's PostgreSQL proxy manager, select
-- for update; http/RateLimits): id is "<limit>:<client address>", state Bucket4j's serialised bucket,
-- expires_at (epoch ms) when a full bucket may be deleted. Used on PostgreSQL only: on SQLite (one instance)
-- the buckets stay in memory (its twin table stays empty). UNLOGGED: no WAL is written and no commit waits for a disk flush, which a bucket
-- updated on every question does not need; after a server crash (or on a promoted standby) the table is
-- empty, which only gives every client a full bucket again.
CREATE UNLOGGED TABLE rate_limit_buckets (
    id          TEXT COLLATE "C" PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
CREATE INDEX rate_limit_buckets_expires ON rate_limit_buckets (expires_at);
