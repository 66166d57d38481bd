using System.Buffers;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Serializers;
using Orleans.Serialization.WireProtocol;

namespace MhSupply.Faults;

/// <summary>
/// Lets an exception that Orleans has no codec for (Npgsql's, MailKit's...) leave the silo as a
/// <see cref="ServiceFailureException"/> with its type, message, SQLSTATE and transience, instead of failing the answer's
/// serialisation (the caller then saw only <c>CodecNotFoundException</c>). A codec rather than a grain call filter because
/// it covers every way an exception leaves a silo: a method's failure, a failed activation (grain state or the ledger
/// unreadable) rejected back to the caller, and an inner exception of an exception Orleans does carry.
/// </summary>
/// <remarks>
/// Orleans asks a generalised codec only for types without a codec of their own (generated ones, ours and Orleans'), and
/// ours declines the namespaces its <see cref="ExceptionCodec"/> carries (System, Microsoft, Azure by default), so an
/// <c>InvalidOperationException</c> still arrives as itself. Only the writing side ever meets these types: what is on the
/// wire is a <see cref="ServiceFailureException"/>, read by its generated codec.
/// </remarks>
public sealed class ForeignExceptionCodec(IOptions<ExceptionSerializationOptions> options) : IGeneralizedCodec
{
    private readonly ExceptionSerializationOptions _carried = options.Value;

    public bool IsSupportedType(Type type) =>
        typeof(Exception).IsAssignableFrom(type) && type != typeof(Exception) && type != typeof(AggregateException) && !CarriedByOrleans(type);

    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, object? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        var surrogate = value is Exception exception ? ServiceFailures.From(exception) : null;
        writer.Session.CodecProvider.GetCodec(typeof(ServiceFailureException)).WriteField(ref writer, fieldIdDelta, expectedType!, surrogate!);
    }

    public object ReadValue<TInput>(ref Reader<TInput> reader, Field field) =>
        throw new NotSupportedException($"{nameof(ForeignExceptionCodec)} writes {nameof(ServiceFailureException)}, which its own codec reads");

    private bool CarriedByOrleans(Type type)
    {
        if (_carried.SupportedExceptionTypeFilter is { } filter && filter(type))
        {
            return true;
        }
        var ns = type.Namespace ?? "";
        return _carried.SupportedNamespacePrefixes.Any(prefix => ns.StartsWith(prefix, StringComparison.Ordinal));
    }
}
