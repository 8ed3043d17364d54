-- The latest status is kept per connector of each 2.0.1 EVSE (evse_connector_id, 0 on 1.6), no longer per EVSE,
-- where the connectors of one EVSE overwrote each other. One statement, so that it is applied whole or not at
-- all (MySQL commits each statement by itself); the rows already there get their connector in the next step.
ALTER TABLE ocpp_connectors
  ADD COLUMN evse_connector_id INTEGER NOT NULL DEFAULT 0,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (charge_point_id, connector_id, evse_connector_id);
