-- Core tables (owner "core"), docs/storage.md. Times are microseconds since 1970-01-01 UTC.
-- utf8mb4_bin: identifiers and JIDs compare exactly, as on SQLite and PostgreSQL.
-- MySQL commits each statement by itself: IF NOT EXISTS lets a re-run finish a step that failed halfway.

-- The series catalogue. A row without adapter exists for a series whose points arrived before it was registered.
CREATE TABLE IF NOT EXISTS core_series (
    id INT NOT NULL AUTO_INCREMENT,
    identifier VARCHAR(255) NOT NULL,
    adapter VARCHAR(64) NULL,
    meta LONGTEXT NULL,
    description TEXT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY core_series_identifier (identifier),
    KEY core_series_adapter (adapter, identifier)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per SenML record, its series as the core_series id (4 bytes instead of up to 255 characters in
-- every row and index entry). No foreign key: ids come only from core_series rows written in the same
-- transaction and are never deleted, and the per-row check cost 30% of PostgreSQL's ingest (docs/storage.md).
-- InnoDB clusters it on its key, so a range read is one contiguous scan.
CREATE TABLE IF NOT EXISTS core_points (
    series_id INT NOT NULL,
    time_us BIGINT NOT NULL,
    unit VARCHAR(64) NULL,
    value_number DOUBLE NULL,
    value_string MEDIUMTEXT NULL,
    value_boolean BOOLEAN NULL,
    value_data MEDIUMTEXT NULL,
    value_sum DOUBLE NULL,
    update_time DOUBLE NULL,
    PRIMARY KEY (series_id, time_us)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- 512 + 255 characters of utf8mb4 fit the 3,072-byte limit of an InnoDB key.
CREATE TABLE IF NOT EXISTS core_subscriptions (
    subscriber VARCHAR(512) NOT NULL,
    series_identifier VARCHAR(255) NOT NULL,
    created_us BIGINT NOT NULL,
    PRIMARY KEY (subscriber, series_identifier),
    KEY core_subscriptions_series (series_identifier, subscriber)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS core_audit (
    id BIGINT NOT NULL AUTO_INCREMENT,
    requester VARCHAR(512) NOT NULL,
    node VARCHAR(255) NOT NULL,
    identifiers LONGTEXT NOT NULL,
    time_us BIGINT NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    error_text TEXT NULL,
    PRIMARY KEY (id),
    KEY core_audit_time (time_us),
    KEY core_audit_requester (requester, time_us)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
