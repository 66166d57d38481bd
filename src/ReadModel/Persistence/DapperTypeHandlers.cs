using System.Data;
using Dapper;

namespace MhSupply.Persistence;

/// <summary>
/// How Dapper reads our columns into row classes, registered once for the process (Dapper's handlers are global).
/// Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; rows declare <see cref="DateTimeOffset"/>, and this is the one
/// place that turns the one into the other, at offset zero (the only offset Npgsql writes back to timestamptz).
/// </summary>
public static class DapperTypeHandlers
{
    private static int _registered;

    /// <summary>Idempotent: the data source set-up and the tests' own data sources both call it.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
        }
    }

    internal sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
            DateTimeOffset t => t.ToUniversalTime(),
            _ => throw new DataException($"A {value.GetType().Name} is not a point in time."),
        };

        /// <summary>As Dapper writes a <see cref="DateTimeOffset"/> without a handler: unchanged, typed as one.</summary>
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value;
        }
    }
}
