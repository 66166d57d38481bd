using Dapper;
using MhSupply.Referrals;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Referrals;

/// <summary>
/// A referral step is one batch of statements: all of it lands, or (the stored version moved on) none of it does.
/// </summary>
public sealed class ReferralStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_step_decided_on_a_stale_version_writes_nothing_and_reports_it()
    {
        var store = new ReferralStore(_database.DataSource, new ReferralQueries(_database.DataSource));
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.True(await store.CommitAsync(Step(id, version: 1, "requested", "create", at)));
        Assert.True(await store.CommitAsync(Step(id, version: 2, "received", "receive", at.AddHours(1))));

        // Another activation decided its own version 2 on the version 1 it had read: refused whole.
        var stale = Step(id, version: 2, "rejected", "reject", at.AddHours(2));
        Assert.False(await store.CommitAsync(stale));

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        Assert.Equal("received", await connection.ExecuteScalarAsync<string>("SELECT status FROM mh.referral WHERE id = @id", new { id }));
        Assert.Equal(["create", "receive"], (await connection.QueryAsync<string>(
            "SELECT action FROM mh.referral_history WHERE referral_id = @id ORDER BY version", new { id })).ToArray());
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM mh.referral_audit WHERE referral_id = @id", new { id }));
        Assert.Equal(at.AddHours(1).AddDays(7).UtcDateTime, await connection.ExecuteScalarAsync<DateTime>(
            "SELECT due_at FROM mh.due_item WHERE kind = 'referral_due' AND subject = @subject", new { subject = id.ToString() }));
    }

    [Fact]
    public async Task A_step_that_fails_part_way_leaves_no_part_of_it()
    {
        var store = new ReferralStore(_database.DataSource, new ReferralQueries(_database.DataSource));
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.True(await store.CommitAsync(Step(id, version: 1, "requested", "create", at)));

        // The history row of version 1 exists already: the step's second statement fails after its first succeeded.
        await using (var connection = await _database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE mh.referral_history SET version = 2 WHERE referral_id = @id", new { id });
        }
        await Assert.ThrowsAnyAsync<Exception>(() => store.CommitAsync(Step(id, version: 2, "received", "receive", at.AddHours(1))));

        await using var check = await _database.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT version FROM mh.referral WHERE id = @id", new { id }));
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT count(*) FROM mh.referral_audit WHERE referral_id = @id", new { id }));
    }

    private static ReferralChange Step(Guid id, int version, string status, string action, DateTimeOffset at)
    {
        var state = new ReferralState
        {
            Version = version,
            Status = status,
            StatusAt = at,
            PatientCode = "P-001",
            Sex = "female",
            BirthYear = 1990,
            FromFacility = "phc-a",
            ToFacility = "spec-a",
            District = "d1",
            Reason = "depression",
            Urgency = "routine",
            Consent = true,
            CreatedAt = at,
            CreatedBy = "clinician",
            ClockFrom = at,
        };
        var deadline = status is "requested" or "received"
            ? new MhSupply.Referrals.ReferralDeadline("referral_not_accepted", at.AddDays(7), "not accepted yet")
            : null;
        return new ReferralChange(id, state, action, at, at, "tester", "ReferringClinician", null, null, deadline,
            StatusChanged: true, [], [], ClientAddress: "127.0.0.1");
    }
}
