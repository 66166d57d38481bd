using Dapper;
using MhSupply.Persistence;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Foundation;

public sealed class DapperTypeHandlerTests
{
    private sealed class Row
    {
        public DateTimeOffset At { get; set; }
        public DateTimeOffset? Maybe { get; set; }
        public DateOnly Day { get; set; }
        public DateOnly? MaybeDay { get; set; }
    }

    [Fact]
    public async Task A_timestamptz_read_into_a_DateTimeOffset_is_the_instant_written_at_offset_zero()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var written = new DateTimeOffset(2026, 3, 1, 10, 15, 30, 123, TimeSpan.Zero).AddTicks(4560);

        var row = await connection.QuerySingleAsync<Row>(
            "SELECT @written::timestamptz AS At, NULL::timestamptz AS Maybe, @day::date AS Day, NULL::date AS MaybeDay",
            new { written, day = new DateOnly(2026, 3, 1) });

        Assert.Equal(written, row.At);
        Assert.Equal(TimeSpan.Zero, row.At.Offset);
        Assert.Null(row.Maybe);
        Assert.Equal(new DateOnly(2026, 3, 1), row.Day);
        Assert.Null(row.MaybeDay);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    [InlineData(DateTimeKind.Local)]
    public void A_DateTime_of_any_kind_is_read_as_the_same_clock_time_at_offset_zero(DateTimeKind kind)
    {
        var read = new DapperTypeHandlers.UtcDateTimeOffsetHandler().Parse(new DateTime(2026, 3, 1, 10, 15, 30, kind));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 15, 30, TimeSpan.Zero), read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }
}
