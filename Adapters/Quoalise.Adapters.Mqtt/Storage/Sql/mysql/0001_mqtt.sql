-- MQTT adapter tables (owner "mqtt"), docs/mqtt.md "Tables". Times are microseconds since 1970-01-01 UTC.
-- IF NOT EXISTS everywhere: MySQL commits each DDL statement, so a re-run after a failure completes the step.

-- Greenhouse beds that may publish readings: (greenhouse, bed) are the two numbers of serre/<n>/bac/<n>.
CREATE TABLE IF NOT EXISTS mqtt_beds (
    greenhouse INT NOT NULL,
    bed INT NOT NULL,
    label VARCHAR(255),
    registered_us BIGINT NOT NULL,
    registered_by VARCHAR(512) NOT NULL,
    PRIMARY KEY (greenhouse, bed)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Controllers by MAC: last announced address, online flag, last message and last change.
CREATE TABLE IF NOT EXISTS mqtt_controllers (
    mac VARCHAR(17) NOT NULL PRIMARY KEY,
    ip VARCHAR(45),
    online INT NOT NULL,
    last_seen_us BIGINT,
    changed_us BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The ten error types of the bridge, with topic, payload excerpt and time.
CREATE TABLE IF NOT EXISTS mqtt_errors (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    time_us BIGINT NOT NULL,
    type VARCHAR(32) NOT NULL,
    topic VARCHAR(256) NOT NULL,
    payload VARCHAR(1024) NOT NULL,
    detail VARCHAR(512) NOT NULL,
    INDEX mqtt_errors_time (time_us),
    INDEX mqtt_errors_type_time (type, time_us)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
