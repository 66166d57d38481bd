using System.Security.Cryptography;
using System.Text;

namespace MhSupply.Privacy;

/// <summary>
/// AES-256 keys from configuration (base64 of 32 bytes); in Development, a key generated once and kept under the data
/// folder (never in the repository), so what a local run sealed still opens after a restart.
/// </summary>
public static class PrivacyKeys
{
    /// <summary>The configured key, or in Development the one in <paramref name="developmentFile"/> under the data folder.</summary>
    public static byte[] Resolve(string? configured, string setting, bool isDevelopment, string dataFolder, string developmentFile)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!isDevelopment)
            {
                throw new InvalidOperationException($"{setting} is required outside Development (base64, 32 bytes).");
            }
            configured = DevelopmentKey(dataFolder, developmentFile);
        }
        if (Problem(configured) is { } problem)
        {
            throw new InvalidOperationException($"{setting} {problem}.");
        }
        return Convert.FromBase64String(configured);
    }

    /// <summary>Why a configured value is not a key, completing "{setting} ...", or null when it is one.</summary>
    public static string? Problem(string value)
    {
        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value.Trim(), bytes, out var length))
        {
            return "is not base64 (make one with: openssl rand -base64 32)";
        }
        return length == AesGcmSeal.KeySize
            ? null
            : $"must be {AesGcmSeal.KeySize} bytes, and is {length} (make one with: openssl rand -base64 32)";
    }

    /// <summary>The base64 key in <paramref name="fileName"/> under <paramref name="dataFolder"/>, created on first use.</summary>
    public static string DevelopmentKey(string dataFolder, string fileName)
    {
        var path = Path.Combine(dataFolder, fileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataFolder);
            // Written whole under a temporary name (readable by us only), then moved into place without overwriting: a
            // process racing us on a first run (silo and gateway start together) either wins or reads the winner's key.
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(AesGcmSeal.KeySize))));
            }
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }
        return File.ReadAllText(path).Trim();
    }
}
