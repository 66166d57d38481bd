-- The stock ledger (source of truth) and the stock card read model, written in the same transaction.
SET LOCAL search_path TO mh, public;

-- Append-only: one row per accepted event. Rejected submissions are not recorded (nothing happened on the card).
CREATE TABLE stock_event (
    event_id        uuid PRIMARY KEY,
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    facility        text NOT NULL,
    medicine        text NOT NULL,
    type            text NOT NULL CHECK (type IN ('receipt', 'issue', 'transfer_in', 'transfer_out', 'adjustment', 'physical_count')),
    quantity        integer NOT NULL CHECK (quantity >= 0),
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    reason          text,
    lot             text,
    expiry          date,
    other_facility  text,
    note            text,
    recorded_by     text NOT NULL
);
-- A card's lines in ledger order: (occurred_at, recorded_at, event_id), as the domain orders them.
CREATE INDEX stock_event_card ON stock_event (facility, medicine, occurred_at, recorded_at, event_id);
CREATE UNIQUE INDEX stock_event_seq ON stock_event (seq);

-- One row per card: the figures as of the card's last change, for lists across facilities.
CREATE TABLE stock_card (
    facility                  text NOT NULL,
    medicine                  text NOT NULL,
    district                  text NOT NULL,
    region                    text NOT NULL,
    soh                       integer NOT NULL,
    amc                       numeric,
    mos                       numeric,
    status                    text NOT NULL,
    stockout_days_this_month  integer NOT NULL,
    projected_stockout_date   date,
    suggested_order           integer,
    last_event_at             timestamptz,
    lots                      jsonb NOT NULL DEFAULT '[]',
    as_of                     date NOT NULL,
    updated_at                timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (facility, medicine)
);
CREATE INDEX stock_card_district_status ON stock_card (district, status);
CREATE INDEX stock_card_medicine ON stock_card (medicine);
