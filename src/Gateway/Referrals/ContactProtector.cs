using System.Text;
using MhSupply.Hosting;
using MhSupply.Privacy;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// Encrypts patients' names and phone numbers before they leave the gateway, so the database and the silos only ever hold
/// ciphertext: <see cref="AesGcmSeal"/> with no header and no context, stored as <c>nonce | tag | ciphertext</c> (the
/// format of every contact written so far; ContactProtectorTests pins it). The key comes from Privacy:ContactKey (base64,
/// 32 bytes); in Development one is generated under the data folder.
/// </summary>
public sealed class ContactProtector
{
    private readonly byte[] _key;

    public ContactProtector(IConfiguration configuration, IWebHostEnvironment environment)
    {
        _key = PrivacyKeys.Resolve(configuration["Privacy:ContactKey"], "Privacy:ContactKey", environment.IsDevelopment(),
            DataFolder.Resolve(configuration), "dev-contact-key");
    }

    public byte[]? Protect(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : AesGcmSeal.Seal(_key, Encoding.UTF8.GetBytes(value.Trim()));

    public string? Unprotect(byte[]? value) =>
        value is null || value.Length < AesGcmSeal.Overhead ? null : Encoding.UTF8.GetString(AesGcmSeal.Open(_key, value));
}
