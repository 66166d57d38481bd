-- A stock commit writes the ledger only; the read model (stock_card), the card alerts and the lot due-index follow a
-- moment later, coalesced per facility (FacilityStockGrain). This row says "the facility has committed events its
-- projection lacks": written with the events, deleted with the projection that covers them. Readers of the read model
-- bring the facilities in their scope up to date first (StockProjectionCatchUp), and a facility whose silo died before
-- projecting is recovered on its next activation or by the next alert scan.
SET LOCAL search_path TO mh, public;

CREATE TABLE stock_projection_pending (
    facility  text PRIMARY KEY,
    district  text NOT NULL,
    since     timestamptz NOT NULL DEFAULT now()
);
