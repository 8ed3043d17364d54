-- OCPP central system (docs/ocpp.md, "Tables"). Times are microseconds since 1970-01-01 UTC, as in core.

CREATE TABLE IF NOT EXISTS ocpp_charge_points (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  security_profile SMALLINT NOT NULL,
  auth_key_hash VARCHAR(200) NULL,
  registration_status VARCHAR(16) NOT NULL,
  auto_registered SMALLINT NOT NULL,
  boot_status VARCHAR(16) NULL,
  ocpp_version VARCHAR(16) NULL,
  vendor VARCHAR(50) NULL,
  model VARCHAR(50) NULL,
  serial_number VARCHAR(25) NULL,
  charge_box_serial_number VARCHAR(25) NULL,
  firmware_version VARCHAR(50) NULL,
  iccid VARCHAR(20) NULL,
  imsi VARCHAR(20) NULL,
  meter_type VARCHAR(25) NULL,
  meter_serial_number VARCHAR(25) NULL,
  last_boot_us BIGINT NULL,
  last_heartbeat_us BIGINT NULL,
  last_seen_us BIGINT NULL,
  created_us BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS ocpp_boots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  charge_point_id VARCHAR(64) NOT NULL,
  received_us BIGINT NOT NULL,
  ocpp_version VARCHAR(16) NOT NULL,
  reason VARCHAR(32) NULL,
  status VARCHAR(16) NOT NULL,
  vendor VARCHAR(50) NULL,
  model VARCHAR(50) NULL,
  firmware_version VARCHAR(50) NULL,
  payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ocpp_boots_charge_point ON ocpp_boots (charge_point_id, received_us);

CREATE TABLE IF NOT EXISTS ocpp_connectors (
  charge_point_id VARCHAR(64) NOT NULL,
  connector_id INTEGER NOT NULL,
  status VARCHAR(32) NOT NULL,
  error_code VARCHAR(64) NULL,
  status_us BIGINT NOT NULL,
  PRIMARY KEY (charge_point_id, connector_id)
);

CREATE TABLE IF NOT EXISTS ocpp_status_history (
  charge_point_id VARCHAR(64) NOT NULL,
  connector_id INTEGER NOT NULL,
  evse_connector_id INTEGER NOT NULL,
  timestamp_us BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL,
  error_code VARCHAR(64) NOT NULL,
  info VARCHAR(50) NULL,
  vendor_id VARCHAR(255) NULL,
  vendor_error_code VARCHAR(50) NULL,
  received_us BIGINT NOT NULL,
  PRIMARY KEY (charge_point_id, connector_id, evse_connector_id, timestamp_us, status, error_code)
);

CREATE TABLE IF NOT EXISTS ocpp_id_tags (
  id_tag VARCHAR(36) NOT NULL PRIMARY KEY,
  status VARCHAR(16) NOT NULL,
  expiry_us BIGINT NULL,
  parent_id_tag VARCHAR(36) NULL,
  blocked SMALLINT NOT NULL,
  note VARCHAR(255) NULL,
  updated_us BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS ocpp_transactions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  charge_point_id VARCHAR(64) NOT NULL,
  transaction_key VARCHAR(160) NOT NULL,
  ocpp_version VARCHAR(16) NOT NULL,
  connector_id INTEGER NULL,
  evse_connector_id INTEGER NULL,
  id_tag VARCHAR(36) NULL,
  id_tag_type VARCHAR(20) NULL,
  id_tag_seq_no INTEGER NULL,
  start_status VARCHAR(16) NULL,
  started SMALLINT NOT NULL,
  start_us BIGINT NULL,
  meter_start_wh REAL NULL,
  reservation_id INTEGER NULL,
  remote_start_id INTEGER NULL,
  ended SMALLINT NOT NULL,
  stop_us BIGINT NULL,
  meter_stop_wh REAL NULL,
  stop_reason VARCHAR(32) NULL,
  stop_id_tag VARCHAR(36) NULL,
  transaction_data TEXT NULL,
  charging_state VARCHAR(20) NULL,
  charging_state_seq_no INTEGER NULL,
  time_spent_charging INTEGER NULL,
  last_seq_no INTEGER NULL,
  offline SMALLINT NOT NULL,
  received_us BIGINT NOT NULL,
  UNIQUE (charge_point_id, transaction_key)
);
CREATE INDEX IF NOT EXISTS ocpp_transactions_start ON ocpp_transactions (start_us);
CREATE INDEX IF NOT EXISTS ocpp_transactions_connector ON ocpp_transactions (charge_point_id, connector_id, ended);
CREATE INDEX IF NOT EXISTS ocpp_transactions_id_tag ON ocpp_transactions (id_tag, ended);

CREATE TABLE IF NOT EXISTS ocpp_transaction_events (
  transaction_id BIGINT NOT NULL,
  seq_no INTEGER NOT NULL,
  event_type VARCHAR(16) NOT NULL,
  trigger_reason VARCHAR(32) NOT NULL,
  timestamp_us BIGINT NOT NULL,
  offline SMALLINT NOT NULL,
  charging_state VARCHAR(20) NULL,
  id_token VARCHAR(36) NULL,
  received_us BIGINT NOT NULL,
  PRIMARY KEY (transaction_id, seq_no)
);

CREATE TABLE IF NOT EXISTS ocpp_meter_samples (
  charge_point_id VARCHAR(64) NOT NULL,
  connector_id INTEGER NOT NULL,
  timestamp_us BIGINT NOT NULL,
  measurand VARCHAR(48) NOT NULL,
  phase VARCHAR(8) NOT NULL,
  location VARCHAR(8) NOT NULL,
  context VARCHAR(24) NOT NULL,
  transaction_id BIGINT NULL,
  format VARCHAR(16) NOT NULL,
  unit VARCHAR(20) NOT NULL,
  raw_value TEXT NOT NULL,
  numeric_value REAL NULL,
  senml_unit VARCHAR(16) NULL,
  received_us BIGINT NOT NULL,
  PRIMARY KEY (charge_point_id, connector_id, timestamp_us, measurand, phase, location, context)
);
CREATE INDEX IF NOT EXISTS ocpp_meter_samples_transaction ON ocpp_meter_samples (transaction_id, timestamp_us);

CREATE TABLE IF NOT EXISTS ocpp_data_transfers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  charge_point_id VARCHAR(64) NOT NULL,
  message_id VARCHAR(36) NOT NULL,
  vendor_id VARCHAR(255) NOT NULL,
  data_message_id VARCHAR(50) NULL,
  data TEXT NULL,
  status VARCHAR(20) NOT NULL,
  received_us BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS ocpp_message_issues (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  charge_point_id VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  message_id VARCHAR(36) NOT NULL,
  problem VARCHAR(1000) NOT NULL,
  payload TEXT NOT NULL,
  received_us BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ocpp_message_issues_charge_point ON ocpp_message_issues (charge_point_id, received_us);
