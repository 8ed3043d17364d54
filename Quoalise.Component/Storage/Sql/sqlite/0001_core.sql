-- Core tables (owner "core"), docs/storage.md. Times are microseconds since 1970-01-01 UTC.
-- STRICT: SQLite then refuses a value of the wrong type, as the server engines do.

-- The series catalogue. A row without adapter exists for a series whose points arrived before it was registered.
CREATE TABLE IF NOT EXISTS core_series (
    id INTEGER PRIMARY KEY,
    identifier TEXT NOT NULL UNIQUE,
    adapter TEXT,
    meta TEXT,
    description TEXT
) STRICT;

CREATE INDEX IF NOT EXISTS core_series_adapter ON core_series (adapter, identifier);

-- One row per SenML record, its series as the core_series id (4 bytes instead of up to 255 characters in
-- every row and index entry). No foreign key: ids come only from core_series rows written in the same
-- transaction and are never deleted, and the per-row check cost 30% of PostgreSQL's ingest (docs/storage.md).
-- Clustered on its key, so a range read is one contiguous scan.
CREATE TABLE IF NOT EXISTS core_points (
    series_id INTEGER NOT NULL,
    time_us INTEGER NOT NULL,
    unit TEXT,
    value_number REAL,
    value_string TEXT,
    value_boolean INTEGER,
    value_data TEXT,
    value_sum REAL,
    update_time REAL,
    PRIMARY KEY (series_id, time_us)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS core_subscriptions (
    subscriber TEXT NOT NULL,
    series_identifier TEXT NOT NULL,
    created_us INTEGER NOT NULL,
    PRIMARY KEY (subscriber, series_identifier)
) STRICT;

CREATE INDEX IF NOT EXISTS core_subscriptions_series ON core_subscriptions (series_identifier, subscriber);

CREATE TABLE IF NOT EXISTS core_audit (
    id INTEGER PRIMARY KEY,
    requester TEXT NOT NULL,
    node TEXT NOT NULL,
    identifiers TEXT NOT NULL,
    time_us INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    error_text TEXT
) STRICT;

CREATE INDEX IF NOT EXISTS core_audit_time ON core_audit (time_us);
CREATE INDEX IF NOT EXISTS core_audit_requester ON core_audit (requester, time_us);
