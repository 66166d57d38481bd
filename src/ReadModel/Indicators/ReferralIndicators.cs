using Dapper;
using MhSupply.Hosting;
using MhSupply.Referrals;
using MhSupply.Stock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Indicators;

/// <summary>
/// The referral and follow-up indicators (docs/domain.md, "Indicators"; the IMC toolkit's MEAL component), from the
/// referral read model (mh.referral, mh.follow_up, kept by the referral store) and the <c>prescribed_item_unavailable</c>
/// alerts. Each period is read whole, not summed from its months: a median and a count of persons do not add up.
/// </summary>
/// <remarks>
/// Definitions, as computed here:
/// <list type="bullet">
/// <item><c>referrals_made</c>: requested (by <c>at</c>) in the period; <c>referral_completion</c>: of those, the ones that
/// reached <c>in_progress</c> by now.</item>
/// <item><c>back_referral_rate</c> and <c>median_days_to_first_appointment</c>: referrals first attended in the period;
/// days are elapsed time from request to first attendance.</item>
/// <item><c>follow_up_adherence</c>: visits due in the period attended by the end of their grace (an early visit the
/// rules accepted as this one counts: "within grace" is the lateness allowed, the same deadline that raises
/// <c>follow_up_missed</c>).</item>
/// <item><c>loss_to_follow_up</c>: persons whose tracing failed (the tracing period ran out with no contact, when the
/// scan escalates) in the period ÷ persons with a visit due in it.</item>
/// <item><c>treatment_interruptions</c>: the steps (back-referrals, follow-ups) for which an alert said a prescribed medicine
/// was unavailable at the PHC, per medicine and as distinct steps.</item>
/// </list>
/// Breakdown members: every urgency, mhGAP category and age band (closed lists), and the sexes recorded.
/// </remarks>
public sealed partial class ReferralIndicators(NpgsqlDataSource dataSource, IOptions<StockOptions> stock,
    [FromKeyedServices(Clock.Key)] TimeProvider clock) : IIndicatorSource
{
    private const string Age = "age";

    private static readonly IReadOnlyList<string> AgeBands = [.. Enumerable.Range(0, 131).Select(IndicatorCatalog.AgeBandOf).Distinct()];

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);

    public IndicatorArea Area => IndicatorArea.Referrals;

    public async Task<IReadOnlyDictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>>> ComputeAsync(IndicatorScope scope,
        IReadOnlyList<IndicatorPeriod> periods, CancellationToken cancellationToken = default)
    {
        var parameters = new
        {
            from_at = periods.Select(p => LocalDays.StartOf(p.FirstDay, _zone).UtcDateTime).ToArray(),
            to_at = periods.Select(p => LocalDays.StartOf(p.EndExclusive, _zone).UtcDateTime).ToArray(),
            year = periods.Select(p => p.Year).ToArray(),
            now = clock.GetUtcNow().UtcDateTime,
            scopeId = scope.ScopeId,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql(scope), parameters, cancellationToken: cancellationToken));
        var made = (await results.ReadAsync<MadeRow>()).ToLookup(r => r.I);
        var seen = (await results.ReadAsync<SeenRow>()).ToLookup(r => r.I);
        var due = (await results.ReadAsync<DueRow>()).ToDictionary(r => r.I);
        var lost = (await results.ReadAsync<LostRow>()).ToDictionary(r => r.I, r => r.Lost);
        var interrupted = (await results.ReadAsync<InterruptionRow>()).ToLookup(r => r.I);

        var answer = new Dictionary<IndicatorPeriod, IReadOnlyList<IndicatorValue>>();
        for (var index = 0; index < periods.Count; index++)
        {
            var i = index + 1; // WITH ORDINALITY counts from 1
            var values = new List<IndicatorValue>();
            values.AddRange(Requested(made[i]));
            values.AddRange(FirstAttended(seen[i]));
            var visits = due.GetValueOrDefault(i) ?? new DueRow();
            values.Add(IndicatorValue.Rate("follow_up_adherence", visits.Adherent, visits.Due));
            values.Add(IndicatorValue.Rate("loss_to_follow_up", lost.GetValueOrDefault(i), visits.Persons));
            values.AddRange(Interruptions(interrupted[i]));
            answer[periods[index]] = values;
        }
        return answer;
    }

    private static IEnumerable<IndicatorValue> Requested(IEnumerable<MadeRow> rows)
    {
        var list = rows.ToList();
        var whole = list.FirstOrDefault(r => r.Dimension == "") ?? new MadeRow();
        yield return IndicatorValue.Count("referrals_made", whole.Made);
        yield return IndicatorValue.Rate("referral_completion", whole.Seen, whole.Made);

        var counts = new Dictionary<(string Dimension, string Member), (int Made, int Seen)>();
        void Add(string dimension, string member, int madeCount, int seenCount)
        {
            var (m, s) = counts.GetValueOrDefault((dimension, member));
            counts[(dimension, member)] = (m + madeCount, s + seenCount);
        }
        foreach (var member in MhGapCategories.All)
        {
            Add(IndicatorCatalog.Category, member, 0, 0);
        }
        foreach (var member in AgeBands)
        {
            Add(IndicatorCatalog.AgeBand, member, 0, 0);
        }
        foreach (var member in WireNames<Urgency>.All)
        {
            Add(IndicatorCatalog.Urgency, member, 0, 0);
        }
        foreach (var r in list.Where(r => r.Dimension != ""))
        {
            var (dimension, member) = r.Dimension == Age
                ? (IndicatorCatalog.AgeBand, IndicatorCatalog.AgeBandOf(int.Parse(r.Member, System.Globalization.CultureInfo.InvariantCulture)))
                : (r.Dimension, r.Member);
            Add(dimension, member, r.Made, r.Seen);
        }
        foreach (var ((dimension, member), (m, s)) in counts)
        {
            var by = IndicatorValue.By(dimension, member);
            yield return IndicatorValue.Count("referrals_made", m, by);
            if (dimension == IndicatorCatalog.Urgency)
            {
                yield return IndicatorValue.Rate("referral_completion", s, m, by);
            }
        }
    }

    private static IEnumerable<IndicatorValue> FirstAttended(IEnumerable<SeenRow> rows)
    {
        var list = rows.ToList();
        var whole = list.FirstOrDefault(r => r.Urgency is null) ?? new SeenRow();
        yield return IndicatorValue.Rate("back_referral_rate", whole.BackReferred, whole.Seen);
        yield return Median(whole, null);
        var byUrgency = list.Where(r => r.Urgency is not null).ToDictionary(r => r.Urgency!, StringComparer.Ordinal);
        foreach (var urgency in WireNames<Urgency>.All.Union(byUrgency.Keys, StringComparer.Ordinal))
        {
            yield return Median(byUrgency.GetValueOrDefault(urgency) ?? new SeenRow(), IndicatorValue.By(IndicatorCatalog.Urgency, urgency));
        }
    }

    /// <summary>A median has no numerator; the denominator says how many referrals it is the middle of.</summary>
    private static IndicatorValue Median(SeenRow row, IReadOnlyDictionary<string, string>? by) =>
        new("median_days_to_first_appointment",
            row.Seen == 0 || row.MedianDays is not { } days ? null : Math.Round((decimal)days, IndicatorValue.Decimals, MidpointRounding.AwayFromZero),
            Denominator: row.Seen, Breakdown: by);

    private static IEnumerable<IndicatorValue> Interruptions(IEnumerable<InterruptionRow> rows)
    {
        var list = rows.ToList();
        yield return IndicatorValue.Count("treatment_interruptions", list.FirstOrDefault(r => r.Medicine is null)?.Events ?? 0);
        foreach (var r in list.Where(r => r.Medicine is not null))
        {
            yield return IndicatorValue.Count("treatment_interruptions", r.Alerts, IndicatorValue.By(IndicatorCatalog.Medicine, r.Medicine!));
        }
    }

    private sealed class MadeRow
    {
        public int I { get; set; }
        public string Dimension { get; set; } = "";
        public string Member { get; set; } = "";
        public int Made { get; set; }
        public int Seen { get; set; }
    }

    private sealed class SeenRow
    {
        public int I { get; set; }
        public string? Urgency { get; set; }
        public int Seen { get; set; }
        public int BackReferred { get; set; }
        public double? MedianDays { get; set; }
    }

    private sealed class DueRow
    {
        public int I { get; set; }
        public int Due { get; set; }
        public int Adherent { get; set; }
        public int Persons { get; set; }
    }

    private sealed class LostRow
    {
        public int I { get; set; }
        public int Lost { get; set; }
    }

    private sealed class InterruptionRow
    {
        public int I { get; set; }
        public string? Medicine { get; set; }
        public int Alerts { get; set; }
        public int Events { get; set; }
    }
}
