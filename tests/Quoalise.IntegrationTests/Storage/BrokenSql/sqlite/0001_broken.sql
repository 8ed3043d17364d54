-- Deliberately invalid: a start-up with this step must stop.
CREATE TABLE broken_items (name VARCHAR(64) NOT NULL PRIMARY KEY;
