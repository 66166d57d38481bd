using System.Security.Cryptography;
using System.Text;

namespace MhSupply.Privacy;

/// <summary>
/// Seals the secrets we hold for others (webhook HMAC keys) so the database only ever has ciphertext: the gateway seals a
/// secret when a subscription is created, the delivery job opens it to sign each call. Stored format, version 1:
/// <c>0x01 | key id (4 bytes) | nonce (12) | tag (16) | AES-256-GCM ciphertext of the UTF-8 secret</c>, the first five
/// bytes and the subscription id authenticated with it (<see cref="AesGcmSeal"/>). The key id is the start of the key's
/// SHA-256, so a ciphertext names the key that opens it and keys can rotate (Privacy:SecretKeys, current first).
/// </summary>
public sealed class SecretProtector
{
    public const byte FormatVersion = 1;
    public const int KeyIdSize = 4;
    public const int HeaderSize = 1 + KeyIdSize;

    private readonly IReadOnlyList<(byte[] Id, byte[] Key)> _keys;

    /// <summary>Base64 keys, current first (Privacy:SecretKeys, validated at start by <see cref="PrivacyOptions"/>).</summary>
    public SecretProtector(IReadOnlyList<string> keys)
    {
        _keys = keys.Select(k => Convert.FromBase64String(k.Trim())).Select(k => (KeyId(k), k)).ToList();
        if (_keys.Count == 0 || _keys.Any(k => k.Key.Length != AesGcmSeal.KeySize))
        {
            throw new ArgumentException("at least one key of 32 bytes is needed", nameof(keys));
        }
    }

    /// <summary>The key that seals: hex of its id, as logs and messages name it.</summary>
    public string CurrentKeyId => Convert.ToHexStringLower(_keys[0].Id);

    /// <summary>The first bytes of everything sealed now; a stored value that starts otherwise is due for re-sealing.</summary>
    public byte[] CurrentHeader => [FormatVersion, .. _keys[0].Id];

    public byte[] Seal(string secret, Guid subscriptionId) =>
        AesGcmSeal.Seal(_keys[0].Key, Encoding.UTF8.GetBytes(secret), CurrentHeader, Context(subscriptionId));

    /// <summary>The secret; throws <see cref="CryptographicException"/> with a plain reason when it cannot be opened.</summary>
    public string Open(byte[] sealedSecret, Guid subscriptionId)
    {
        if (sealedSecret.Length < HeaderSize + AesGcmSeal.Overhead || sealedSecret[0] != FormatVersion)
        {
            throw new CryptographicException("the stored webhook secret is not in a format this version reads");
        }
        var id = KeyIdOf(sealedSecret)!;
        var key = KeyWithId(id) ?? throw new CryptographicException(
            $"the webhook secret was sealed with key {id}, which is not in Privacy:SecretKeys: put that key back after the current one");
        try
        {
            return Encoding.UTF8.GetString(AesGcmSeal.Open(key, sealedSecret, HeaderSize, Context(subscriptionId)));
        }
        catch (CryptographicException)
        {
            throw new CryptographicException($"the webhook secret does not open with key {id}: it was altered or belongs to another subscription");
        }
    }

    /// <summary>Whether a stored value names a key of ours (it may still fail to open if it was altered).</summary>
    public bool HasKeyFor(byte[] sealedSecret) => KeyIdOf(sealedSecret) is { } id && KeyWithId(id) is not null;

    /// <summary>The hex id of the key a stored value was sealed with, or null when it is not in a format we know.</summary>
    public static string? KeyIdOf(byte[] sealedSecret) =>
        sealedSecret.Length >= HeaderSize && sealedSecret[0] == FormatVersion ? Convert.ToHexStringLower(sealedSecret.AsSpan(1, KeyIdSize)) : null;

    private byte[]? KeyWithId(string id)
    {
        foreach (var (keyId, key) in _keys)
        {
            if (Convert.ToHexStringLower(keyId) == id)
            {
                return key;
            }
        }
        return null;
    }

    public static string KeyIdOfKey(byte[] key) => Convert.ToHexStringLower(KeyId(key));

    private static byte[] KeyId(byte[] key) => SHA256.HashData(key)[..KeyIdSize];

    // Binds a ciphertext to its row: one copied onto another subscription does not open there.
    private static byte[] Context(Guid subscriptionId) => Encoding.ASCII.GetBytes($"mh.subscription/{subscriptionId:D}/secret");
}
