-- The stock commit is the hot write path (bench/stock-ingest.sh): spare it index work nothing reads.
SET LOCAL search_path TO mh, public;

-- No query orders or finds ledger rows by seq (cards read by (facility, medicine, occurred_at, recorded_at, event_id));
-- the column stays as the order of recording, and an index can come back with a reader that needs one.
DROP INDEX stock_event_seq;

-- Every commit rewrites its cards' rows; free room on each page lets PostgreSQL update a row in place (a HOT update,
-- no index entries) when neither its district/status nor its medicine changed, which is most commits.
ALTER TABLE stock_card SET (fillfactor = 70);
