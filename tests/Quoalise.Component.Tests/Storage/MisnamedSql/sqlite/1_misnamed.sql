CREATE TABLE misnamed_items (name TEXT);
