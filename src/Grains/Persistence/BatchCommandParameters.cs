using Npgsql;
using NpgsqlTypes;

namespace MhSupply.Persistence;

/// <summary>
/// Parameters for statements sent in an <see cref="NpgsqlBatch"/>, where Dapper does not reach. A null goes with its
/// PostgreSQL type, so every statement of a batch has one shape to prepare whatever is null.
/// </summary>
internal static class BatchCommandParameters
{
    public static NpgsqlBatchCommand With<T>(this NpgsqlBatchCommand command, string name, T value) where T : notnull
    {
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));
        return command;
    }

    public static NpgsqlBatchCommand Text(this NpgsqlBatchCommand command, string name, string? value) =>
        command.Typed(name, NpgsqlDbType.Text, value);

    public static NpgsqlBatchCommand Time(this NpgsqlBatchCommand command, string name, DateTimeOffset? value) =>
        command.Typed(name, NpgsqlDbType.TimestampTz, value);

    public static NpgsqlBatchCommand Date(this NpgsqlBatchCommand command, string name, DateOnly? value) =>
        command.Typed(name, NpgsqlDbType.Date, value);

    public static NpgsqlBatchCommand Bytes(this NpgsqlBatchCommand command, string name, byte[]? value) =>
        command.Typed(name, NpgsqlDbType.Bytea, value);

    private static NpgsqlBatchCommand Typed(this NpgsqlBatchCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }
}
