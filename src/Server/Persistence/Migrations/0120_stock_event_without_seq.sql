-- stock_event.seq numbered rows in the order of recording, and nothing reads it (0090 dropped its index): the order of
-- recording is recorded_at (server time, a microsecond apart within a batch) with event_id. Drawing it cost every row a
-- sequence call under a lock all writers share, on the hot path of bench/stock-ingest.sh.
SET LOCAL search_path TO mh, public;

ALTER TABLE stock_event DROP COLUMN seq;
