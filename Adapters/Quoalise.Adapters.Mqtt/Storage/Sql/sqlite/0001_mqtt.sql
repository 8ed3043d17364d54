-- MQTT adapter tables (owner "mqtt"), docs/mqtt.md "Tables". Times are microseconds since 1970-01-01 UTC.

-- Greenhouse beds that may publish readings: (greenhouse, bed) are the two numbers of serre/<n>/bac/<n>.
CREATE TABLE IF NOT EXISTS mqtt_beds (
    greenhouse INTEGER NOT NULL,
    bed INTEGER NOT NULL,
    label TEXT,
    registered_us INTEGER NOT NULL,
    registered_by TEXT NOT NULL,
    PRIMARY KEY (greenhouse, bed)
) STRICT;

-- Controllers by MAC: last announced address, online flag, last message and last change.
CREATE TABLE IF NOT EXISTS mqtt_controllers (
    mac TEXT NOT NULL PRIMARY KEY,
    ip TEXT,
    online INTEGER NOT NULL,
    last_seen_us INTEGER,
    changed_us INTEGER NOT NULL
) STRICT;

-- The ten error types of the bridge, with topic, payload excerpt and time.
CREATE TABLE IF NOT EXISTS mqtt_errors (
    id INTEGER PRIMARY KEY,
    time_us INTEGER NOT NULL,
    type TEXT NOT NULL,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    detail TEXT NOT NULL
) STRICT;

CREATE INDEX IF NOT EXISTS mqtt_errors_time ON mqtt_errors (time_us);
CREATE INDEX IF NOT EXISTS mqtt_errors_type_time ON mqtt_errors (type, time_us);
