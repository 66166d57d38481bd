using Dapper;
using MhSupply.Stock;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Referrals;

/// <summary>
/// The treatment plans a facility dispenses (issue 18, item 3): the medicines of back-referrals sent to it with their dose in
/// numbers (quantity per day or week) and duration, from the day the back-referral was sent. A back-referral entered in
/// error plans nothing; a medicine with only a free-text dose cannot be counted and is left out.
/// </summary>
public sealed class TreatmentPlans(NpgsqlDataSource dataSource, IOptions<StockOptions> stock)
{
    /// <summary>How far back a back-referral can still hold an active plan: courses are prescribed for at most a year.</summary>
    private const int LookbackDays = 400;

    /// <summary>The plans, each with the day of its person's next scheduled follow-up visit (null when none is scheduled).</summary>
    public async Task<IReadOnlyList<(PlanMedicine Plan, DateOnly? NextVisit)>> ActiveAtAsync(string facility, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, DateTime SentAt, string Medicine, decimal Quantity, string Per, int DurationDays, DateTime? NextVisit)>(
            new CommandDefinition("""
                SELECT r.id, r.back_referred_at, m.medicine, m.quantity, m.per, m."durationDays",
                       (SELECT min(f.due_at) FROM mh.follow_up f WHERE f.referral_id = r.id AND f.status = 'scheduled')
                FROM mh.referral r
                CROSS JOIN LATERAL jsonb_to_recordset(r.snapshot -> 'backReferral' -> 'medicines')
                    AS m(medicine text, quantity numeric, per text, "durationDays" int)
                WHERE r.from_facility = @facility AND r.back_referred_at >= @since AND r.status NOT IN ('entered_in_error', 'cancelled')
                  AND m.quantity > 0 AND m.per IN ('day', 'week') AND m."durationDays" > 0
                """, new { facility, since = now.AddDays(-LookbackDays).UtcDateTime }, cancellationToken: cancellationToken));
        return
        [
            .. rows.Select(r => (new PlanMedicine(r.Id.ToString(), facility, r.Medicine, r.Quantity, r.Per == "week" ? DosePeriod.Week : DosePeriod.Day,
                r.DurationDays, Day(r.SentAt, zone)), r.NextVisit is { } next ? Day(next, zone) : (DateOnly?)null)),
        ];
    }

    private static DateOnly Day(DateTime utc, TimeZoneInfo zone) => LocalDays.DateOf(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);
}
