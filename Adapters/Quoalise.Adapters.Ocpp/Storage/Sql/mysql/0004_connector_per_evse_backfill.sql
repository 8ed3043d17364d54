-- The connector of a latest status already there is that of the notification it came from. A step of its own
-- after 0003, so that a run failing here is completed by the next start.
UPDATE ocpp_connectors SET evse_connector_id = COALESCE((
  SELECT MAX(h.evse_connector_id) FROM ocpp_status_history h
  WHERE h.charge_point_id = ocpp_connectors.charge_point_id AND h.connector_id = ocpp_connectors.connector_id
    AND h.timestamp_us = ocpp_connectors.status_us AND h.status = ocpp_connectors.status), 0);
