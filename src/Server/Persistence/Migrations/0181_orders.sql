-- Orders (issue 18): a facility's requisition to its supplier, from draft to received. One row per order, its committed
-- state as the snapshot the grain reloads, plus the columns readers filter on; one step row per state change, the
-- audited history (append-only). Supply lines name each facility's supplier when it is not the district's warehouse.
SET LOCAL search_path TO mh, public;

CREATE TABLE IF NOT EXISTS stock_order (
    id          uuid PRIMARY KEY,
    version     integer NOT NULL,
    facility    text NOT NULL,
    supplier    text NOT NULL,
    district    text NOT NULL,
    status      text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'shipped', 'received', 'cancelled')),
    status_at   timestamptz NOT NULL,
    emergency   boolean NOT NULL,
    snapshot    jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS stock_order_facility ON stock_order (facility, status);
CREATE INDEX IF NOT EXISTS stock_order_supplier ON stock_order (supplier, status);
CREATE INDEX IF NOT EXISTS stock_order_district ON stock_order (district, status, status_at);

CREATE TABLE IF NOT EXISTS stock_order_step (
    order_id    uuid NOT NULL REFERENCES stock_order (id),
    version     integer NOT NULL,
    action      text NOT NULL,
    status      text NOT NULL,
    at          timestamptz NOT NULL,
    by_subject  text NOT NULL,
    reason      text,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, version)
);

CREATE TABLE IF NOT EXISTS supply_line (
    facility    text PRIMARY KEY,
    supplier    text NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL
);
