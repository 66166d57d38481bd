namespace MhSupply.IndicatorBench;

/// <summary>
/// The figures the indicator sources answer, computed instead by one plain SQL query over the raw tables (the ledger
/// and the registry), with no aggregate: what a report would cost without mh.stock_card_month. It follows the domain's
/// definitions for the events the benchmark generates (receipts, issues, expired write-offs; no physical counts).
/// Parameters: @months (first days), @stops (their ends), @deadlines (reporting due instants), @scopeId.
/// </summary>
public static class Baseline
{
    public static string Query(string facilityFilter) => $"""
        WITH m AS (
            SELECT month, stop, deadline, month::timestamp AT TIME ZONE 'UTC' AS start
            FROM unnest(@months, @stops, @deadlines) AS x(month, stop, deadline)),
        fac AS (SELECT f.id, f.opened_on FROM mh.facility f WHERE f.active AND {facilityFilter}),
        ev AS (
            SELECT e.facility, e.medicine, e.occurred_at, md.tracer,
                   sum(CASE WHEN e.type IN ('receipt', 'transfer_in') OR e.reason IN ('found', 'returned') THEN e.quantity ELSE -e.quantity END)
                       OVER w AS balance,
                   lead(e.occurred_at) OVER w AS next_at,
                   min(e.occurred_at) OVER (PARTITION BY e.facility, e.medicine) AS first_at
            FROM mh.stock_event e JOIN fac ON fac.id = e.facility JOIN mh.medicine md ON md.code = e.medicine
            WINDOW w AS (PARTITION BY e.facility, e.medicine ORDER BY e.occurred_at, e.recorded_at, e.event_id)),
        closing AS (   -- each card's balance at each month's end: the line whose span holds the end
            SELECT m.month, ev.facility, ev.medicine, ev.tracer, ev.balance
            FROM m JOIN ev ON ev.occurred_at < m.stop AND (ev.next_at IS NULL OR ev.next_at >= m.stop)
            JOIN fac ON fac.id = ev.facility AND fac.opened_on <= m.month),
        zero_days AS ( -- days closed at 0: the midnights inside each span at 0, within the month
            SELECT m.month, ev.facility, ev.medicine,
                   sum(greatest(0, date_part('day', date_trunc('day', least(coalesce(ev.next_at, m.stop), m.stop) AT TIME ZONE 'UTC')
                       - date_trunc('day', greatest(ev.occurred_at, m.start) AT TIME ZONE 'UTC'))))::int AS days
            FROM m JOIN ev ON ev.balance = 0 AND ev.occurred_at < m.stop AND (ev.next_at IS NULL OR ev.next_at > m.start)
            GROUP BY 1, 2, 3),
        cards AS (     -- cards on the books in the month: their first line came before its end
            SELECT DISTINCT m.month, ev.facility, ev.medicine FROM m JOIN ev ON ev.first_at < m.stop
            JOIN fac ON fac.id = ev.facility AND fac.opened_on <= m.month),
        reports AS (
            SELECT m.month, fac.id AS facility, min(e.recorded_at) AS first_recorded, min(m.deadline) AS deadline
            FROM m JOIN fac ON fac.opened_on <= m.month
            LEFT JOIN mh.stock_event e ON e.facility = fac.id AND e.occurred_at >= m.start AND e.occurred_at < m.stop
            GROUP BY 1, 2)
        SELECT m.month AS Month,
            (SELECT count(DISTINCT facility) FROM closing c WHERE c.month = m.month AND c.tracer AND c.balance = 0)::int AS StockedOutFacilities,
            (SELECT count(DISTINCT facility) FROM closing c WHERE c.month = m.month AND c.tracer)::int AS TracerFacilities,
            (SELECT count(*) FROM closing c WHERE c.month = m.month AND c.tracer AND c.balance > 0)::int AS TracerAvailable,
            (SELECT count(*) FROM closing c WHERE c.month = m.month AND c.tracer)::int AS TracerCards,
            (SELECT coalesce(sum(z.days), 0) FROM zero_days z JOIN fac ON fac.id = z.facility AND fac.opened_on <= z.month WHERE z.month = m.month)::int AS StockoutDays,
            (SELECT count(*) FROM cards c WHERE c.month = m.month)::int AS Cards,
            (SELECT coalesce(sum(e.quantity), 0) FROM mh.stock_event e JOIN fac ON fac.id = e.facility
                WHERE e.type = 'adjustment' AND e.reason = 'expired' AND e.occurred_at >= m.start AND e.occurred_at < m.stop)::int AS ExpiredUnits,
            (SELECT count(*) FROM reports r WHERE r.month = m.month)::int AS Expected,
            (SELECT count(*) FROM reports r WHERE r.month = m.month AND r.first_recorded IS NOT NULL)::int AS Reported,
            (SELECT count(*) FROM reports r WHERE r.month = m.month AND r.first_recorded < r.deadline)::int AS OnTime
        FROM m ORDER BY m.month
        """;

    public sealed class Row
    {
        public DateOnly Month { get; set; }
        public int StockedOutFacilities { get; set; }
        public int TracerFacilities { get; set; }
        public int TracerAvailable { get; set; }
        public int TracerCards { get; set; }
        public int StockoutDays { get; set; }
        public int Cards { get; set; }
        public int ExpiredUnits { get; set; }
        public int Expected { get; set; }
        public int Reported { get; set; }
        public int OnTime { get; set; }

        /// <summary>The same figures as the indicator answer names them: (indicator, numerator, denominator or count).</summary>
        public IEnumerable<(string Indicator, decimal Numerator, decimal Denominator)> Figures() =>
        [
            ("tracer_stockout_rate", StockedOutFacilities, TracerFacilities),
            ("tracer_availability", TracerAvailable, TracerCards),
            ("stockout_days", StockoutDays, Cards),
            ("expired_losses", ExpiredUnits, 0),
            ("reporting_rate", Reported, Expected),
            ("reporting_timeliness", OnTime, Expected),
        ];
    }
}
