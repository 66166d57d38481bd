-- The stock-refresh job finds the facilities whose rows are stale (as_of before today): by index, so a run costs what is
-- stale, not a pass over every card. A stock commit keeps as_of within a day, so its updates stay HOT (0090).
SET LOCAL search_path TO mh, public;

CREATE INDEX stock_card_as_of ON stock_card (as_of, facility);
