using Microsoft.Extensions.Options;

namespace MhSupply.Indicators;

/// <summary>
/// "Dhis2" configuration: the DHIS2 server the dhis2-push job sends data value sets to, with what credentials, for which of
/// our places (with every place under it), and how a failed delivery is retried. Without a BaseUrl DHIS2 is not
/// configured: the job sends nothing and says so.
/// </summary>
public sealed class Dhis2PushOptions
{
    public const string Section = "Dhis2";

    /// <summary>The DHIS2 instance, e.g. https://hmis.example.org (a context path such as /dhis is kept): pushes go to {BaseUrl}/api/dataValueSets.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Our national (empty or "national"), region, district or facility id whose figures, with its children's, are pushed.</summary>
    public string? OrgUnit { get; set; }

    /// <summary>Basic authentication, when set (with <see cref="Password"/>).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>A personal access token (DHIS2 2.37+), sent as <c>Authorization: ApiToken {Token}</c>; instead of a user name.</summary>
    public string? Token { get; set; }

    /// <summary>How long one delivery may take: DHIS2 imports the set before it answers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>After this many failed deliveries a push is given up (about two days with the default back-off); an admin can send it again.</summary>
    public int MaxAttempts { get; set; } = 12;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>Where data value sets are posted: the base URL with or without a trailing slash.</summary>
    public Uri DataValueSetsUri => new(BaseUrl!.TrimEnd('/') + "/api/dataValueSets");

    /// <summary>The whole country when no place is named.</summary>
    public bool IsNational => string.IsNullOrWhiteSpace(OrgUnit) || string.Equals(OrgUnit.Trim(), "national", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Checks the "Dhis2" section at start-up: a mistake there is found when the host starts, not at the month's push.</summary>
public sealed class Dhis2PushOptionsValidator : IValidateOptions<Dhis2PushOptions>
{
    public ValidateOptionsResult Validate(string? name, Dhis2PushOptions options)
    {
        var problems = new List<string>();
        if (options.IsConfigured
            && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)))
        {
            problems.Add($"Dhis2:BaseUrl must be an absolute http(s) URL without query, such as https://hmis.example.org; it is '{options.BaseUrl}'");
        }
        if (!string.IsNullOrEmpty(options.Token) && !string.IsNullOrEmpty(options.Username))
        {
            problems.Add("Dhis2: set either Token (a personal access token) or Username and Password, not both");
        }
        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            problems.Add("Dhis2:Username and Dhis2:Password go together");
        }
        if (options.Timeout <= TimeSpan.Zero || options.FirstRetryAfter <= TimeSpan.Zero || options.MaxRetryAfter < options.FirstRetryAfter)
        {
            problems.Add("Dhis2:Timeout and FirstRetryAfter must be positive, MaxRetryAfter at least FirstRetryAfter");
        }
        if (options.MaxAttempts < 1)
        {
            problems.Add("Dhis2:MaxAttempts must be at least 1");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
