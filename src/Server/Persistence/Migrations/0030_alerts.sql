-- Alerts: at most one open alert per (kind, subject), with the full history of every change.
SET LOCAL search_path TO mh, public;

CREATE TABLE alert (
    id               uuid PRIMARY KEY,
    kind             text NOT NULL,
    subject          text NOT NULL,
    facility         text,
    district         text,
    medicine         text,
    lot              text,
    referral         uuid,
    status           text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    message          text NOT NULL,
    raised_at        timestamptz NOT NULL,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    escalated_at     timestamptz,
    resolved_at      timestamptz
);
-- "At most one open alert per (kind, subject)": acknowledged alerts are still open business.
CREATE UNIQUE INDEX alert_one_open ON alert (kind, subject) WHERE status <> 'resolved';
CREATE INDEX alert_facility ON alert (facility, status, raised_at DESC);
CREATE INDEX alert_district ON alert (district, status, raised_at DESC);

CREATE TABLE alert_change (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id  uuid NOT NULL REFERENCES alert (id),
    change    text NOT NULL CHECK (change IN ('raised', 'notified', 'acknowledged', 'escalated', 'resolved')),
    at        timestamptz NOT NULL,
    actor     text NOT NULL,
    note      text
);
CREATE INDEX alert_change_alert ON alert_change (alert_id, id);
