-- The latest status is kept per connector of each 2.0.1 EVSE (evse_connector_id, 0 on 1.6), no longer per EVSE,
-- where the connectors of one EVSE overwrote each other. SQLite changes a primary key by copying the table; the
-- connector of a row already there is that of the notification it came from.
CREATE TABLE ocpp_connectors_per_evse (
  charge_point_id VARCHAR(64) NOT NULL,
  connector_id INTEGER NOT NULL,
  evse_connector_id INTEGER NOT NULL,
  status VARCHAR(32) NOT NULL,
  error_code VARCHAR(64) NULL,
  status_us BIGINT NOT NULL,
  PRIMARY KEY (charge_point_id, connector_id, evse_connector_id)
);
INSERT INTO ocpp_connectors_per_evse (charge_point_id, connector_id, evse_connector_id, status, error_code, status_us)
SELECT c.charge_point_id, c.connector_id,
       COALESCE((SELECT MAX(h.evse_connector_id) FROM ocpp_status_history h
                 WHERE h.charge_point_id = c.charge_point_id AND h.connector_id = c.connector_id
                   AND h.timestamp_us = c.status_us AND h.status = c.status), 0),
       c.status, c.error_code, c.status_us
FROM ocpp_connectors c;
DROP TABLE ocpp_connectors;
ALTER TABLE ocpp_connectors_per_evse RENAME TO ocpp_connectors;
