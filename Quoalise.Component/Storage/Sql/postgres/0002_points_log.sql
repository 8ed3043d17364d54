-- Nothing changes on this engine: points go straight into core_points, and the points log of step 2 is SQLite's
-- (PointLog, docs/storage.md "The points log"). The step exists so that every engine counts the same steps.
SELECT 1;
