-- Users, their per-device access tokens and their grades (SQLite).
-- Times are epoch milliseconds. Names are compared through username_key (ASCII lower case),
-- so that case-insensitive uniqueness does not depend on either database's collation.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    age           INTEGER NOT NULL,
    roles         TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);

-- seq orders tokens by creation ("oldest first"); public_id is what listings show.
-- Only a SHA-256 of the secret is kept.
CREATE TABLE access_tokens (
    seq          INTEGER PRIMARY KEY,
    public_id    TEXT    NOT NULL UNIQUE,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_hash  TEXT    NOT NULL,
    device_name  TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX access_tokens_by_user ON access_tokens (user_id, seq);
CREATE INDEX access_tokens_by_expiry ON access_tokens (expires_at);

-- A grade is stored as its JSON text: a number or a short string.
CREATE TABLE grades (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject TEXT   NOT NULL,
    grade   TEXT   NOT NULL,
    PRIMARY KEY (user_id, subject)
);
