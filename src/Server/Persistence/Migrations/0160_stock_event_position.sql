-- A facility's events are numbered 1, 2, 3... in the order its grain committed them (the grain is the one writer of its
-- facility's ledger, so it numbers them from memory at no cost). The facility's snapshot in grain storage says which
-- position it covers: an activation reads the snapshot and the events after that position, not five years of ledger.
-- The unique index is also a fence: an activation whose memory is behind the ledger (another silo committed meanwhile)
-- cannot commit over it.
SET LOCAL search_path TO mh, public;

ALTER TABLE stock_event ADD COLUMN position bigint;

UPDATE stock_event e SET position = n.position
FROM (SELECT event_id, row_number() OVER (PARTITION BY facility ORDER BY recorded_at, event_id) AS position FROM stock_event) n
WHERE e.event_id = n.event_id;

ALTER TABLE stock_event ALTER COLUMN position SET NOT NULL;

CREATE UNIQUE INDEX stock_event_position ON stock_event (facility, position);
