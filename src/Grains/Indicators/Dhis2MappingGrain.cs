using Dapper;
using Npgsql;

namespace MhSupply.Indicators;

[GrainType("dhis2-mapping")]
public sealed class Dhis2MappingGrain(NpgsqlDataSource dataSource) : Grain, IDhis2MappingGrain
{
    /// <summary>Replaces the whole mapping in one transaction: a reader sees the old mapping or the new, never half.</summary>
    public async Task Replace(Dhis2MappingRows mapping, string by, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM mh.dhis2_data_element;
            DELETE FROM mh.dhis2_org_unit;
            INSERT INTO mh.dhis2_settings (singleton, data_set, updated_at, updated_by) VALUES (true, @dataSet, @at, @by)
            ON CONFLICT (singleton) DO UPDATE SET data_set = excluded.data_set, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            """, new { dataSet = mapping.DataSet, at, by }, transaction));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mh.dhis2_data_element (indicator, dimension, member, data_element, category_option_combo)
            SELECT * FROM unnest(@indicators, @dimensions, @members, @elements, @combos)
            """, new
        {
            indicators = mapping.DataElements.Select(e => e.Indicator).ToArray(),
            dimensions = mapping.DataElements.Select(e => e.Dimension).ToArray(),
            members = mapping.DataElements.Select(e => e.Member).ToArray(),
            elements = mapping.DataElements.Select(e => e.DataElement).ToArray(),
            combos = mapping.DataElements.Select(e => e.CategoryOptionCombo).ToArray(),
        }, transaction));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO mh.dhis2_org_unit (level, id, org_unit) SELECT * FROM unnest(@levels, @ids, @units)", new
            {
                levels = mapping.OrgUnits.Select(o => o.Level).ToArray(),
                ids = mapping.OrgUnits.Select(o => o.Id).ToArray(),
                units = mapping.OrgUnits.Select(o => o.OrgUnit).ToArray(),
            }, transaction));
        await transaction.CommitAsync();
    }
}
