namespace MhSupply.IndicatorBench;

/// <summary>
/// The referral figures (the whole, no breakdown) computed by one plain SQL query over the raw referral tables, without
/// migration 0175's derived columns and indexes: the first attendance and the back-referral come from mh.referral_history,
/// a visit's person from its referral, the end of its grace and of its tracing from the waits in force (the options'
/// defaults, which the seed used). A referral, its visits and alerts count for its requesting facility's place; one
/// entered in error counts nowhere.
/// Parameters: @months (first days), @from_at and @to_at (their UTC bounds), @now, @grace, @tracing, @scopeId.
/// </summary>
public static class ReferralBaseline
{
    public static string Query(string facilityFilter) => $"""
        WITH p AS (SELECT * FROM unnest(@months, @from_at, @to_at) AS x(month, from_at, to_at)),
        ref AS (
            SELECT r.id, r.created_at, r.from_facility, r.patient_code, h.seen_at, h.back_at
            FROM mh.referral r JOIN mh.facility f ON f.id = r.from_facility AND {facilityFilter}
            CROSS JOIN LATERAL (
                SELECT min(h.at) FILTER (WHERE h.status = 'in_progress') AS seen_at, min(h.at) FILTER (WHERE h.action = 'back-refer') AS back_at
                FROM mh.referral_history h WHERE h.referral_id = r.id) h
            WHERE r.status <> 'entered_in_error'),
        visit AS (
            SELECT fu.due_at, fu.attended_at, fu.traced_at, fu.due_at + @grace AS grace_end, fu.missed_at + @tracing AS fails_at,
                   ref.from_facility, ref.patient_code
            FROM mh.follow_up fu JOIN ref ON ref.id = fu.referral_id)
        SELECT p.month AS Month,
            (SELECT count(*) FROM ref WHERE ref.created_at >= p.from_at AND ref.created_at < p.to_at)::int AS Made,
            (SELECT count(ref.seen_at) FROM ref WHERE ref.created_at >= p.from_at AND ref.created_at < p.to_at)::int AS MadeSeen,
            (SELECT count(*) FROM ref WHERE ref.seen_at >= p.from_at AND ref.seen_at < p.to_at)::int AS Seen,
            (SELECT count(ref.back_at) FROM ref WHERE ref.seen_at >= p.from_at AND ref.seen_at < p.to_at)::int AS BackReferred,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ref.seen_at - ref.created_at) / 86400)
                FROM ref WHERE ref.seen_at >= p.from_at AND ref.seen_at < p.to_at) AS MedianDays,
            (SELECT count(*) FROM visit v WHERE v.due_at >= p.from_at AND v.due_at < p.to_at)::int AS Due,
            (SELECT count(*) FROM visit v WHERE v.due_at >= p.from_at AND v.due_at < p.to_at AND v.attended_at <= v.grace_end)::int AS Adherent,
            (SELECT count(DISTINCT (v.from_facility, v.patient_code)) FROM visit v WHERE v.due_at >= p.from_at AND v.due_at < p.to_at)::int AS Persons,
            (SELECT count(DISTINCT (v.from_facility, v.patient_code)) FROM visit v
                WHERE v.fails_at >= p.from_at AND v.fails_at < p.to_at AND v.fails_at <= @now
                  AND (v.traced_at IS NULL OR v.traced_at > v.fails_at) AND (v.attended_at IS NULL OR v.attended_at > v.fails_at))::int AS Lost,
            (SELECT count(DISTINCT (a.referral, a.raised_at)) FROM mh.alert a JOIN ref ON ref.id = a.referral
                WHERE a.kind = 'prescribed_item_unavailable' AND a.raised_at >= p.from_at AND a.raised_at < p.to_at)::int AS Interruptions
        FROM p ORDER BY p.month
        """;

    public sealed class Row
    {
        public DateOnly Month { get; set; }
        public int Made { get; set; }
        public int MadeSeen { get; set; }
        public int Seen { get; set; }
        public int BackReferred { get; set; }
        public double? MedianDays { get; set; }
        public int Due { get; set; }
        public int Adherent { get; set; }
        public int Persons { get; set; }
        public int Lost { get; set; }
        public int Interruptions { get; set; }

        /// <summary>As the indicator answer names them; a count or a median is compared by its value (denominator 0).</summary>
        public IEnumerable<(string Indicator, decimal Numerator, decimal Denominator)> Figures() =>
        [
            ("referrals_made", Made, 0),
            ("referral_completion", MadeSeen, Made),
            ("back_referral_rate", BackReferred, Seen),
            ("median_days_to_first_appointment",
                Seen == 0 || MedianDays is not { } days ? 0 : Math.Round((decimal)days, MhSupply.Indicators.IndicatorValue.Decimals, MidpointRounding.AwayFromZero), 0),
            ("follow_up_adherence", Adherent, Due),
            ("loss_to_follow_up", Lost, Persons),
            ("treatment_interruptions", Interruptions, 0),
        ];
    }
}
