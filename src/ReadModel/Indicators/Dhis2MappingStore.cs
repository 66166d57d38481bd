using Dapper;
using Npgsql;

namespace MhSupply.Indicators;

/// <summary>The DHIS2 mapping in PostgreSQL (migration 0176): read whole, replaced whole in one transaction.</summary>
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

    /// <summary>Replaces the whole mapping (it is checked before: <see cref="Dhis2Mapping.Problems"/>).</summary>
    public async Task ReplaceAsync(Dhis2Mapping mapping, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM mh.dhis2_data_element;
            DELETE FROM mh.dhis2_org_unit;
            INSERT INTO mh.dhis2_settings (singleton, data_set, updated_at, updated_by) VALUES (true, @dataSet, @at, @by)
            ON CONFLICT (singleton) DO UPDATE SET data_set = excluded.data_set, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            """, new { dataSet = mapping.DataSet, at, by }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.dhis2_data_element (indicator, dimension, member, data_element, category_option_combo)
            SELECT * FROM unnest(@indicators, @dimensions, @members, @elements, @combos)
            """, new
        {
            indicators = mapping.DataElements.Select(e => e.Indicator).ToArray(),
            dimensions = mapping.DataElements.Select(e => e.Dimension ?? "").ToArray(),
            members = mapping.DataElements.Select(e => e.Member ?? "").ToArray(),
            elements = mapping.DataElements.Select(e => e.DataElement).ToArray(),
            combos = mapping.DataElements.Select(e => e.CategoryOptionCombo).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.dhis2_org_unit (level, id, org_unit) SELECT * FROM unnest(@levels, @ids, @units)
            """, new
        {
            levels = mapping.OrgUnits.Select(o => o.Level.ToWireName()).ToArray(),
            ids = mapping.OrgUnits.Select(o => o.Id).ToArray(),
            units = mapping.OrgUnits.Select(o => o.OrgUnit).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
