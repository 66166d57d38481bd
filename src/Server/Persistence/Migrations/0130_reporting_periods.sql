-- Reporting periods (docs/domain.md, "Reporting"): a report is for the month its events occurred in, and a facility is
-- expected from the first full month after it opened. One row per facility and month it has reported for, with when the
-- first of those reports was recorded (timeliness). The facility grain keeps it in step with the ledger; indicators read it.
SET LOCAL search_path TO mh, public;

ALTER TABLE facility ADD COLUMN opened_on date;
UPDATE facility SET opened_on = (created_at AT TIME ZONE 'UTC')::date;
ALTER TABLE facility ALTER COLUMN opened_on SET NOT NULL, ALTER COLUMN opened_on SET DEFAULT current_date;

CREATE TABLE stock_report_period (
    facility           text NOT NULL,
    period             date NOT NULL CHECK (extract(day FROM period) = 1),  -- the month's first day, facility local time
    first_recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (facility, period)
);

-- Months counted in UTC here; each facility grain rewrites its rows in Stock:TimeZone at its next full projection (the
-- daily stock-refresh), which only differs for events within a few hours of a month boundary in another zone.
INSERT INTO stock_report_period (facility, period, first_recorded_at)
SELECT facility, date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date, min(recorded_at)
FROM stock_event GROUP BY 1, 2;

-- The deadline used to follow the latest submission; every facility is checked under the new rule at the next scan,
-- which then keeps its own next check.
INSERT INTO due_item (kind, subject, due_at, facility)
SELECT 'report_due', id, now(), id FROM facility
ON CONFLICT (kind, subject) DO UPDATE SET due_at = excluded.due_at;
