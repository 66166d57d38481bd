using System.Security.Cryptography;
using System.Text;
using MhSupply.Gateway.Auth;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// Encrypts patients' names and phone numbers (AES-256-GCM, random nonce per value) before they leave the gateway, so the
/// database and the silos only ever hold ciphertext. The key comes from Privacy:ContactKey (base64, 32 bytes); in
/// Development one is generated under the data folder.
/// </summary>
public sealed class ContactProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public ContactProtector(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration["Privacy:ContactKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _key = Convert.FromBase64String(configured);
        }
        else if (environment.IsDevelopment())
        {
            var path = Path.Combine(AuthServiceExtensions.DataFolder(configuration), "dev-contact-key");
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                try
                {
                    using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                    stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
                }
                catch (IOException) when (File.Exists(path))
                {
                }
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
            _key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        else
        {
            throw new InvalidOperationException("Privacy:ContactKey is required outside Development (base64, 32 bytes).");
        }
        if (_key.Length != 32)
        {
            throw new InvalidOperationException("Privacy:ContactKey must be 32 bytes.");
        }
    }

    public byte[]? Protect(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var plain = Encoding.UTF8.GetBytes(value.Trim());
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    public string? Unprotect(byte[]? value)
    {
        if (value is null || value.Length < NonceSize + TagSize)
        {
            return null;
        }
        var plain = new byte[value.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(value.AsSpan(0, NonceSize), value.AsSpan(NonceSize + TagSize), value.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
