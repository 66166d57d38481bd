-- The due-index: one row per thing that becomes due at a known time, keyed by that time, so a scan reads only what
-- is due now and its cost grows with what is due, not with every card, facility or alert stored.
SET LOCAL search_path TO mh, public;

CREATE TABLE due_item (
    kind      text NOT NULL,       -- report_due | lot_expiring | lot_expired | escalate
    subject   text NOT NULL,       -- facility | facility/medicine/lot | alert id
    due_at    timestamptz NOT NULL,
    facility  text,
    medicine  text,
    lot       text,
    alert_id  uuid,
    PRIMARY KEY (kind, subject)
);
CREATE INDEX due_item_due ON due_item (due_at);
