-- Every stock commit re-states the lot due rows of the cards it touched: find them by card, not by scanning a kind.
SET LOCAL search_path TO mh, public;

CREATE INDEX due_item_lot_card ON due_item (facility, medicine) WHERE kind IN ('lot_expiring', 'lot_expired');
