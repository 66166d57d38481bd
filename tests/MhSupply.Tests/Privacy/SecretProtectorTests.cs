using System.Security.Cryptography;
using System.Text;
using MhSupply.Hosting;
using MhSupply.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MhSupply.Tests.Privacy;

public sealed class SecretProtectorTests
{
    private const string Secret = "a-webhook-secret-of-32-characters";
    private static readonly string OldKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string NewKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void A_sealed_secret_opens_to_itself_and_holds_no_trace_of_it()
    {
        var protector = new SecretProtector([NewKey]);
        var subscription = Guid.NewGuid();

        var first = protector.Seal(Secret, subscription);
        var second = protector.Seal(Secret, subscription);

        Assert.Equal(Secret, protector.Open(first, subscription));
        Assert.NotEqual(first, second); // a fresh nonce each time
        Assert.Equal(-1, first.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)));
        Assert.Equal(SecretProtector.FormatVersion, first[0]);
        Assert.Equal(SecretProtector.HeaderSize + AesGcmSeal.Overhead + Secret.Length, first.Length);
        Assert.Equal(protector.CurrentKeyId, SecretProtector.KeyIdOf(first));
    }

    [Fact]
    public void After_a_rotation_a_secret_sealed_with_the_old_key_still_opens_and_new_ones_are_sealed_with_the_new_key()
    {
        var subscription = Guid.NewGuid();
        var sealedBefore = new SecretProtector([OldKey]).Seal(Secret, subscription);
        var rotated = new SecretProtector([NewKey, OldKey]);

        var sealedAfter = rotated.Seal(Secret, subscription);

        Assert.Equal(Secret, rotated.Open(sealedBefore, subscription));
        Assert.Equal(SecretProtector.KeyIdOfKey(Convert.FromBase64String(OldKey)), SecretProtector.KeyIdOf(sealedBefore));
        Assert.Equal(SecretProtector.KeyIdOfKey(Convert.FromBase64String(NewKey)), SecretProtector.KeyIdOf(sealedAfter));
        Assert.Equal(rotated.CurrentKeyId, SecretProtector.KeyIdOf(sealedAfter));
    }

    [Fact]
    public void A_secret_whose_key_was_removed_does_not_open_and_the_reason_names_the_key()
    {
        var subscription = Guid.NewGuid();
        var sealedWithOld = new SecretProtector([OldKey]).Seal(Secret, subscription);

        var error = Assert.Throws<CryptographicException>(() => new SecretProtector([NewKey]).Open(sealedWithOld, subscription));

        Assert.Contains(SecretProtector.KeyIdOfKey(Convert.FromBase64String(OldKey)), error.Message);
        Assert.Contains("Privacy:SecretKeys", error.Message);
    }

    [Fact]
    public void A_sealed_secret_copied_to_another_subscription_or_altered_does_not_open()
    {
        var protector = new SecretProtector([NewKey]);
        var sealedSecret = protector.Seal(Secret, Guid.NewGuid());
        var altered = sealedSecret.ToArray();
        altered[^1] ^= 1;

        Assert.Throws<CryptographicException>(() => protector.Open(sealedSecret, Guid.NewGuid()));
        Assert.Throws<CryptographicException>(() => protector.Open(altered, Guid.NewGuid()));
    }

    [Theory]
    [InlineData(null, null, "Privacy:SecretKey is required outside Development")]
    [InlineData("not base64!", null, "Privacy:SecretKey is not base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", null, "Privacy:SecretKey must be 32 bytes, and is 16")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "both set")]
    public void Secret_key_settings_that_are_missing_or_malformed_are_refused_in_plain_words(string? key, string? listed, string expected)
    {
        var options = new PrivacyOptions { SecretKey = key, SecretKeys = listed is null ? [] : [listed] };

        Assert.Contains(options.Validate(), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_key_listed_twice_is_refused_and_a_rotation_list_is_accepted()
    {
        Assert.Contains(new PrivacyOptions { SecretKeys = [NewKey, NewKey] }.Validate(), p => p == "Privacy:SecretKeys:1 is listed twice in Privacy:SecretKeys.");
        Assert.Empty(new PrivacyOptions { SecretKeys = [NewKey, OldKey] }.Validate());
    }

    [Fact]
    public async Task Outside_Development_a_host_without_a_secret_key_does_not_start_and_says_which_setting_is_missing()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MhSupply"] = "Host=127.0.0.1;Database=never-opened",
        });
        builder.Services.AddMhSupplyServer(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Privacy:SecretKey is required outside Development", error.Message);
    }

    [Fact]
    public void In_Development_a_secret_key_is_generated_once_under_the_data_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mhsupply-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = PrivacyKeys.DevelopmentKey(folder, "dev-secret-key");
            var second = PrivacyKeys.DevelopmentKey(folder, "dev-secret-key");

            Assert.Equal(first, second);
            Assert.Null(PrivacyKeys.Problem(first));
            Assert.Equal(["dev-secret-key"], Directory.GetFiles(folder).Select(Path.GetFileName));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "dev-secret-key")));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
