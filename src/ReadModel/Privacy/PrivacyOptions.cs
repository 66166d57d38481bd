using Microsoft.Extensions.Options;

namespace MhSupply.Privacy;

/// <summary>
/// "Privacy" configuration of the secrets we keep for others (webhook HMAC keys). Patients' contacts have their own key,
/// Privacy:ContactKey, read by the gateway's ContactProtector.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>The key that seals webhook secrets (base64, 32 bytes): the usual case, a list of one.</summary>
    public string? SecretKey { get; set; }

    /// <summary>
    /// During a rotation: the current key first (it seals every new secret and re-seals the others), then older keys,
    /// kept only to open what they sealed until <c>webhook-secret-reseal</c> has moved it to the current key.
    /// </summary>
    public List<string> SecretKeys { get; set; } = [];

    /// <summary>The keys in use, current first.</summary>
    public IReadOnlyList<string> SecretKeyList =>
        SecretKeys.Count > 0 ? SecretKeys : string.IsNullOrWhiteSpace(SecretKey) ? [] : [SecretKey];

    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrWhiteSpace(SecretKey) && SecretKeys.Count > 0)
        {
            yield return "Privacy:SecretKey and Privacy:SecretKeys are both set: during a rotation use Privacy:SecretKeys alone, the current key first.";
            yield break;
        }
        if (SecretKeyList.Count == 0)
        {
            yield return "Privacy:SecretKey is required outside Development: a base64 key of 32 bytes (openssl rand -base64 32) that "
                + "seals webhook secrets. Every silo and gateway needs the same one.";
            yield break;
        }
        var setting = SecretKeys.Count > 0 ? "Privacy:SecretKeys:" : "Privacy:SecretKey";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < SecretKeyList.Count; i++)
        {
            var name = SecretKeys.Count > 0 ? setting + i : setting;
            if (PrivacyKeys.Problem(SecretKeyList[i]) is { } problem)
            {
                yield return $"{name} {problem}.";
            }
            else if (!ids.Add(SecretProtector.KeyIdOfKey(Convert.FromBase64String(SecretKeyList[i].Trim()))))
            {
                yield return $"{name} is listed twice in Privacy:SecretKeys.";
            }
        }
    }
}

/// <summary>Fails start-up with every problem of the "Privacy" section named, rather than at the first delivery.</summary>
public sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
