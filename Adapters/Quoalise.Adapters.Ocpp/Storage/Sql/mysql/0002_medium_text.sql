-- TEXT holds 64 KiB, and a message may be as long as Ocpp:MaxMessageBytes (up to 16 MiB): a longer payload,
-- raw value or transactionData would fail its insert on every retry. MEDIUMTEXT holds 16 MiB. Each statement
-- may be run again, so a step that failed halfway completes on the next start.
ALTER TABLE ocpp_boots MODIFY payload MEDIUMTEXT NOT NULL;
ALTER TABLE ocpp_transactions MODIFY transaction_data MEDIUMTEXT NULL;
ALTER TABLE ocpp_meter_samples MODIFY raw_value MEDIUMTEXT NOT NULL;
ALTER TABLE ocpp_data_transfers MODIFY data MEDIUMTEXT NULL;
ALTER TABLE ocpp_message_issues MODIFY payload MEDIUMTEXT NOT NULL;
