using Dapper;
using Npgsql;

namespace MhSupply.Indicators;

/// <summary>The DHIS2 mapping in PostgreSQL (migration 0176), read whole; <see cref="IDhis2MappingGrain"/> replaces it.</summary>
public sealed class Dhis2MappingStore(NpgsqlDataSource dataSource)
{
    public async Task<Dhis2Mapping> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var dataSet = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT data_set FROM mh.dhis2_settings", cancellationToken: cancellationToken));
        var elements = await connection.QueryAsync<(string Indicator, string Dimension, string Member, string DataElement, string? Combo)>(new CommandDefinition(
            "SELECT indicator, dimension, member, data_element, category_option_combo FROM mh.dhis2_data_element ORDER BY indicator, dimension, member",
            cancellationToken: cancellationToken));
        var units = await connection.QueryAsync<(string Level, string Id, string OrgUnit)>(new CommandDefinition(
            "SELECT level, id, org_unit FROM mh.dhis2_org_unit ORDER BY level, id", cancellationToken: cancellationToken));
        return new Dhis2Mapping(dataSet,
            [.. elements.Select(e => new Dhis2DataElementMap(e.Indicator, e.Dimension == "" ? null : e.Dimension, e.Member == "" ? null : e.Member, e.DataElement, e.Combo))],
            [.. units.Select(u => new Dhis2OrgUnitMap(IndicatorLevels.Parse(u.Level)!.Value, u.Id, u.OrgUnit))]);
    }
}
