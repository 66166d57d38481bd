-- Stock indicators (docs/domain.md, "Indicators"): each card's figures at the end of each month, kept by the facility
-- grain's projection (CardMonths) as it projects the card, so a national month reads one row per card instead of the
-- ledger. The month in progress is as of the last projection (as_of), and is closed by the projection after its last day.
SET LOCAL search_path TO mh, public;

CREATE TABLE stock_card_month (
    facility       text NOT NULL,
    medicine       text NOT NULL,
    period         date NOT NULL CHECK (extract(day FROM period) = 1),  -- the month's first day, facility local time
    as_of          date NOT NULL,
    soh            integer NOT NULL,
    status         text NOT NULL,
    stockout_days  integer NOT NULL,
    PRIMARY KEY (period, facility, medicine)
);
CREATE INDEX stock_card_month_card ON stock_card_month (facility, medicine, period);

-- expired_losses is a sum over few ledger lines: read from the ledger through this index rather than kept twice.
CREATE INDEX stock_event_expired ON stock_event (occurred_at, facility) INCLUDE (medicine, quantity)
    WHERE type = 'adjustment' AND reason = 'expired';
