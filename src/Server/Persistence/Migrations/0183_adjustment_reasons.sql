-- Adjustment reasons as reference data (issue 18): an admin manages and imports them (code, name, credit or debit,
-- category, active), as OpenLMIS stock adjustment reasons are; seeded with the six the ledger has used so far. Each
-- adjustment keeps the sign it was accepted with (stock_event.credit), so a card replays without this table and a later
-- catalogue never rewrites a balance. A reason's direction never changes once it exists (the grain refuses it).
SET LOCAL search_path TO mh, public;

CREATE TABLE adjustment_reason (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    credit      boolean NOT NULL,
    category    text NOT NULL CHECK (category IN ('expiry', 'damage', 'loss', 'theft', 'found', 'return', 'other')),
    active      boolean NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO adjustment_reason (code, name, credit, category) VALUES
    ('expired',  'Expired',  false, 'expiry'),
    ('damaged',  'Damaged',  false, 'damage'),
    ('lost',     'Lost',     false, 'loss'),
    ('stolen',   'Stolen',   false, 'theft'),
    ('found',    'Found',    true,  'found'),
    ('returned', 'Returned', true,  'return');

ALTER TABLE stock_event ADD COLUMN credit boolean;
UPDATE stock_event SET credit = reason IN ('found', 'returned') WHERE type = 'adjustment';
ALTER TABLE stock_event ADD CONSTRAINT stock_event_adjustment_signed CHECK ((type = 'adjustment') = (credit IS NOT NULL));

-- Expired losses (the indicator) are the debits of expiry reasons, whatever their code.
DROP INDEX stock_event_expired;
CREATE INDEX stock_event_debit_adjustment ON stock_event (occurred_at, facility) INCLUDE (medicine, quantity, reason)
    WHERE type = 'adjustment' AND NOT credit;
