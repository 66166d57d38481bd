using System.Security.Cryptography;

namespace MhSupply.Privacy;

/// <summary>
/// The service's one sealing primitive, for patients' contacts and webhook secrets alike: AES-256-GCM with a random
/// 96-bit nonce per value, laid out as <c>header | nonce (12) | tag (16) | ciphertext</c>. The header (empty for contacts,
/// a format byte and key id for secrets) and the caller's context (which row the value belongs to) are authenticated with
/// it, so neither can be altered, nor the value moved to another row, without opening failing. Random nonces are safe far
/// beyond what we seal under one key (NIST SP 800-38D allows 2^32 values per key).
/// </summary>
public static class AesGcmSeal
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    /// <summary>What sealing adds to a value besides its header.</summary>
    public const int Overhead = NonceSize + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> header = default,
        ReadOnlySpan<byte> context = default)
    {
        var output = new byte[header.Length + Overhead + plaintext.Length];
        header.CopyTo(output);
        var body = output.AsSpan(header.Length);
        RandomNumberGenerator.Fill(body[..NonceSize]);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(body[..NonceSize], plaintext, body[Overhead..], body.Slice(NonceSize, TagSize), [.. header, .. context]);
        return output;
    }

    /// <summary>The plaintext; throws <see cref="CryptographicException"/> unless it was sealed with this key, header and context.</summary>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedValue, int headerLength = 0, ReadOnlySpan<byte> context = default)
    {
        if (sealedValue.Length < headerLength + Overhead)
        {
            throw new CryptographicException("the sealed value is too short to hold a nonce and a tag");
        }
        var header = sealedValue[..headerLength];
        var body = sealedValue[headerLength..];
        var plaintext = new byte[body.Length - Overhead];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(body[..NonceSize], body[Overhead..], body.Slice(NonceSize, TagSize), plaintext, [.. header, .. context]);
        return plaintext;
    }
}
