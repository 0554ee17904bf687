-- Counters for the brute-force limits (failed log-ins per account and per address, sign-ups per
-- address), kept in the database so that every instance on a shared PostgreSQL sees the same counts.
-- A counter counts hits in the window that started at window_start (epoch milliseconds).
CREATE TABLE rate_limits (
    bucket       TEXT    NOT NULL PRIMARY KEY,
    window_start BIGINT  NOT NULL,
    hits         INTEGER NOT NULL,
    last_hit     BIGINT  NOT NULL
);
CREATE INDEX rate_limits_by_window ON rate_limits (window_start);
