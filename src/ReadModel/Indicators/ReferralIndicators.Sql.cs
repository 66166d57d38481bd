namespace MhSupply.Indicators;

/// <summary>
/// The statements of <see cref="ReferralIndicators"/>, sent together in one round trip. Each reads the periods
/// (<c>@from_at</c>, <c>@to_at</c>: UTC instants of the local first days; <c>@year</c>: the period's calendar year) and
/// the rows whose counting moment falls in one, through the indexes of migration 0175. A referral, its follow-ups and its
/// alerts belong to the place of the requesting facility (the PHC that follows the person up); a referral entered in error
/// was never a referral and counts nowhere.
/// </summary>
public sealed partial class ReferralIndicators
{
    private const string Periods = "unnest(@from_at, @to_at, @year) WITH ORDINALITY AS p(from_at, to_at, year, i)";

    private static string Sql(IndicatorScope scope) => $"""
        -- Requested in the period (by the request's "at"), per breakdown member ("" is the whole). The age is in years at
        -- the request from the birth year (all the record holds), banded in C# by IndicatorCatalog.AgeBandOf.
        SELECT p.i::int AS I,
               CASE WHEN GROUPING(r.reason) = 0 THEN '{IndicatorCatalog.Category}' WHEN GROUPING(r.patient_sex) = 0 THEN '{IndicatorCatalog.Sex}'
                    WHEN GROUPING(p.year - r.patient_birth_year) = 0 THEN 'age' WHEN GROUPING(r.urgency) = 0 THEN '{IndicatorCatalog.Urgency}' ELSE '' END AS Dimension,
               coalesce(r.reason, r.patient_sex, (p.year - r.patient_birth_year)::text, r.urgency, '') AS Member,
               count(*)::int AS Made, count(r.first_seen_at)::int AS Seen
        FROM {Periods}
        JOIN mh.referral r ON r.created_at >= p.from_at AND r.created_at < p.to_at AND r.status <> 'entered_in_error'
        JOIN mh.facility f ON f.id = r.from_facility AND {scope.FacilityFilter("f")}
        GROUP BY GROUPING SETS ((p.i), (p.i, r.reason), (p.i, r.patient_sex), (p.i, p.year - r.patient_birth_year), (p.i, r.urgency));

        -- First attended (reached in_progress) in the period: how long after the request, and whether a back-referral followed.
        SELECT p.i::int AS I, r.urgency AS Urgency, count(*)::int AS Seen, count(r.back_referred_at)::int AS BackReferred,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.first_seen_at - r.created_at) / 86400) AS MedianDays
        FROM {Periods}
        JOIN mh.referral r ON r.first_seen_at >= p.from_at AND r.first_seen_at < p.to_at AND r.status <> 'entered_in_error'
        JOIN mh.facility f ON f.id = r.from_facility AND {scope.FacilityFilter("f")}
        GROUP BY GROUPING SETS ((p.i), (p.i, r.urgency));

        -- Follow-ups due in the period: attended by the end of their grace, and the persons (a patient code is the
        -- referring facility's) they are for.
        SELECT v.i::int AS I, sum(v.due)::int AS Due, sum(v.adherent)::int AS Adherent, count(*)::int AS Persons
        FROM (SELECT p.i, fu.from_facility, fu.patient_code, count(*) AS due, count(*) FILTER (WHERE fu.attended_at <= fu.grace_ends_at) AS adherent
              FROM {Periods}
              JOIN mh.follow_up fu ON fu.due_at >= p.from_at AND fu.due_at < p.to_at
              JOIN mh.facility f ON f.id = fu.from_facility AND {scope.FacilityFilter("f")}
              WHERE NOT EXISTS (SELECT 1 FROM mh.referral r WHERE r.id = fu.referral_id AND r.status = 'entered_in_error')
              GROUP BY p.i, fu.from_facility, fu.patient_code) AS v
        GROUP BY v.i;

        -- Tracing failed in the period: the tracing period of a missed visit ran out (by now) with neither a tracing outcome
        -- nor an attendance recorded before it, which is the moment the alert scan escalates it.
        SELECT v.i::int AS I, count(*)::int AS Lost
        FROM (SELECT DISTINCT p.i, fu.from_facility, fu.patient_code
              FROM {Periods}
              JOIN mh.follow_up fu ON fu.tracing_fails_at >= p.from_at AND fu.tracing_fails_at < p.to_at AND fu.tracing_fails_at <= @now
                   AND (fu.traced_at IS NULL OR fu.traced_at > fu.tracing_fails_at) AND (fu.attended_at IS NULL OR fu.attended_at > fu.tracing_fails_at)
              JOIN mh.facility f ON f.id = fu.from_facility AND {scope.FacilityFilter("f")}
              WHERE NOT EXISTS (SELECT 1 FROM mh.referral r WHERE r.id = fu.referral_id AND r.status = 'entered_in_error')) AS v
        GROUP BY v.i;

        -- A prescribed medicine the PHC could not supply: one alert per medicine of a back-referral (or follow-up), raised
        -- when the step was recorded and stock was checked. An event is one step: the alerts of one referral raised together.
        SELECT p.i::int AS I, a.medicine AS Medicine, count(*)::int AS Alerts,
               count(DISTINCT a.referral::text || '@' || a.raised_at::text)::int AS Events
        FROM {Periods}
        JOIN mh.alert a ON a.kind = 'prescribed_item_unavailable' AND a.raised_at >= p.from_at AND a.raised_at < p.to_at
        JOIN mh.facility f ON f.id = a.facility AND {scope.FacilityFilter("f")}
        WHERE NOT EXISTS (SELECT 1 FROM mh.referral r WHERE r.id = a.referral AND r.status = 'entered_in_error')
        GROUP BY GROUPING SETS ((p.i), (p.i, a.medicine));
        """;
}
