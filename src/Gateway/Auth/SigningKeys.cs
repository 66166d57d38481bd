using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MhSupply.Gateway.Auth;

/// <summary>
/// Resolves the token signing key: from configuration, or in Development from a key generated once and kept
/// under the data folder (never in the repository), so tokens printed by ./run.sh survive a restart.
/// </summary>
public static class SigningKeys
{
    public const int MinimumKeyBytes = 32;

    public static SymmetricSecurityKey Resolve(JwtOptions options, bool isDevelopment, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return FromBase64(options.SigningKey, "Auth:SigningKey");
        }
        if (!isDevelopment)
        {
            throw new InvalidOperationException("Auth:SigningKey is required outside Development (base64, at least 32 bytes).");
        }
        var path = Path.Combine(dataFolder, "dev-signing-key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataFolder);
            var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            // Another process may race us on a first run: whoever creates the file first wins, the other reads it.
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                using var writer = new StreamWriter(stream);
                writer.Write(generated);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return FromBase64(File.ReadAllText(path).Trim(), path);
    }

    private static SymmetricSecurityKey FromBase64(string value, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} is not base64.");
        }
        if (bytes.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"{source} must be at least {MinimumKeyBytes} bytes.");
        }
        return new SymmetricSecurityKey(bytes) { KeyId = "mhsupply-" + Convert.ToHexString(SHA256.HashData(bytes))[..8].ToLowerInvariant() };
    }
}
