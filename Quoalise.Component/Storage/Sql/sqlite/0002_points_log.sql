-- Points as committed, before they are merged into core_points in (series, time) order (PointLog, docs/storage.md
-- "The points log"). A rowid table without other index, so a batch appends to the pages at its end instead of
-- rewriting one page of core_points per series; the id orders two writes of one (series, time), the later winning.
CREATE TABLE IF NOT EXISTS core_points_log (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL,
    time_us INTEGER NOT NULL,
    unit TEXT,
    value_number REAL,
    value_string TEXT,
    value_boolean INTEGER,
    value_data TEXT,
    value_sum REAL,
    update_time REAL
) STRICT;
