using MhSupply.Gateway.Referrals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace MhSupply.Tests.Privacy;

public sealed class ContactProtectorTests
{
    private const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="; // bytes 0..31

    [Fact]
    public void A_contact_sealed_before_the_sealing_code_was_shared_still_opens()
    {
        // nonce | tag | ciphertext of "Amina Kyomuhendo" under Key with nonce 01..0c, no associated data: the stored format
        // of every name and phone written so far (computed independently with Python's cryptography AESGCM).
        var stored = Convert.FromBase64String("AQIDBAUGBwgJCgsMJjAeDEDz+/1DZ0/RaQO0jUSHM7uNtLv/I88WL3V9jkc=");

        Assert.Equal("Amina Kyomuhendo", Protector().Unprotect(stored));
    }

    [Fact]
    public void A_contact_round_trips_trimmed_and_blank_stays_empty()
    {
        var protector = Protector();

        var sealedName = protector.Protect("  Amina K.  ");

        Assert.Equal("Amina K.", protector.Unprotect(sealedName));
        Assert.Equal(12 + 16 + "Amina K.".Length, sealedName!.Length);
        Assert.Null(protector.Protect("  "));
        Assert.Null(protector.Unprotect(null));
    }

    [Fact]
    public void Outside_Development_a_missing_contact_key_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ContactProtector(Configuration(null), new Environment("Production")));

        Assert.Contains("Privacy:ContactKey", error.Message);
    }

    private static ContactProtector Protector() => new(Configuration(Key), new Environment("Production"));

    private static IConfiguration Configuration(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Privacy:ContactKey"] = key }).Build();

    private sealed class Environment(string name) : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "MhSupply.Tests";
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
