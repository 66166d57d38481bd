-- A national month reads every card's row of that month (99,000 at 3,300 facilities x 30 medicines): rows of one month
-- are written facility by facility over time and lie on as many pages, so the figures are kept in the index itself and
-- the month is read from it alone (bench/indicators.sh: the row reads were most of a national month's time).
SET LOCAL search_path TO mh, public;

CREATE INDEX stock_card_month_period_figures ON stock_card_month (period) INCLUDE (facility, medicine, soh, status, stockout_days);
