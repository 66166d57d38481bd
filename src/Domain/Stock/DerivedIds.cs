using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MhSupply.Stock;

/// <summary>
/// An event id derived from what the event is part of, so that recording it again (an upload repeated, an order step
/// retried) gives the same id and the ledger answers "duplicate". A UUID version 8 (RFC 9562) made of the first 128 bits
/// of SHA-256 over a kind (<paramref name="domain"/>, versioned), a scope (the facility, the order), the content and how
/// many identical contents came before it.
/// </summary>
public static class DerivedIds
{
    public static Guid Derive(string domain, string scope, string content, int ordinal)
    {
        var text = string.Join('\u001e', domain, scope, content, ordinal.ToString(CultureInfo.InvariantCulture));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
