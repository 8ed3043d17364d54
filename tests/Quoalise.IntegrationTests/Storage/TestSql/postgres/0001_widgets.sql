-- An adapter's own table, applied through the same runner as the core tables.
CREATE TABLE IF NOT EXISTS widgets_items (name VARCHAR(64) NOT NULL PRIMARY KEY, created_us BIGINT NOT NULL);
