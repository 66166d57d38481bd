using Dapper;
using Npgsql;

namespace MhSupply.Sms;

/// <summary>The registered reporter phones and the short codes, as the admin API lists them.</summary>
public sealed class SmsReporterDirectory(NpgsqlDataSource dataSource)
{
    public sealed record Reporter(string Phone, string Facility, string Name, bool Active, DateTimeOffset UpdatedAt, string UpdatedBy, string Language);

    public sealed record ShortCode(string Code, string Medicine, string Name, string Strength);

    public async Task<IReadOnlyList<Reporter>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Reporter>(new CommandDefinition("""
            SELECT phone, facility, name, active, updated_at AS UpdatedAt, updated_by AS UpdatedBy, language FROM mh.sms_reporter
            WHERE active ORDER BY facility, phone
            """, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<ShortCode>> CodesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ShortCode>(new CommandDefinition("""
            SELECT c.code, m.code AS Medicine, m.name, m.strength FROM mh.sms_code c JOIN mh.medicine m ON m.code = c.medicine
            WHERE m.retired_at IS NULL ORDER BY c.code
            """, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
