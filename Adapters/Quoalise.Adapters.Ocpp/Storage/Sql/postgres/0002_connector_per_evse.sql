-- The latest status is kept per connector of each 2.0.1 EVSE (evse_connector_id, 0 on 1.6), no longer per EVSE,
-- where the connectors of one EVSE overwrote each other. The connector of a row already there is that of the
-- notification it came from.
ALTER TABLE ocpp_connectors ADD COLUMN evse_connector_id INTEGER NOT NULL DEFAULT 0;
UPDATE ocpp_connectors SET evse_connector_id = COALESCE((
  SELECT MAX(h.evse_connector_id) FROM ocpp_status_history h
  WHERE h.charge_point_id = ocpp_connectors.charge_point_id AND h.connector_id = ocpp_connectors.connector_id
    AND h.timestamp_us = ocpp_connectors.status_us AND h.status = ocpp_connectors.status), 0);
ALTER TABLE ocpp_connectors DROP CONSTRAINT ocpp_connectors_pkey;
ALTER TABLE ocpp_connectors ADD PRIMARY KEY (charge_point_id, connector_id, evse_connector_id);
