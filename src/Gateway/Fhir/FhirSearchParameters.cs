using Hl7.Fhir.Model;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// The search parameters each resource type implements: the one list the searches accept (anything else is a 400 naming
/// it) and the CapabilityStatement publishes, so the statement cannot promise what the server does not do.
/// </summary>
public static class FhirSearchParameters
{
    public sealed record Parameter(string Name, SearchParamType Type, string Documentation);

    /// <summary>Result parameters every search takes (FHIR search, "modifying search results").</summary>
    public static IReadOnlyList<Parameter> Common { get; } =
    [
        new("_count", SearchParamType.Number, "Entries per page (default 50, at most 500)."),
        new("_offset", SearchParamType.Number, "Entries to skip (the next/previous links carry it)."),
        new("_summary", SearchParamType.Token, "Only 'count': the Bundle's total, no entries."),
        new("_format", SearchParamType.Token, "Only JSON is served (json, application/fhir+json)."),
    ];

    private static readonly Parameter LastUpdated = new("_lastUpdated", SearchParamType.Date,
        "When the referral's state last changed (Task.lastModified); prefixes eq, ge, gt, le, lt; may be repeated.");

    public static IReadOnlyDictionary<string, IReadOnlyList<Parameter>> ByType { get; } = new Dictionary<string, IReadOnlyList<Parameter>>
    {
        ["Task"] =
        [
            new("_id", SearchParamType.Token, "The forward Task's id (a referral id); a matched referral's back-referral Task comes as an include."),
            new("status", SearchParamType.Token, "Task status code; comma-separated values mean any of them."),
            new("owner", SearchParamType.Reference, "Organization/{facility}: the receiving facility."),
            new("requester", SearchParamType.Reference, "Organization/{facility}: the referring facility."),
            new("patient", SearchParamType.Reference, "Patient/{id}; with :identifier, [system|]patient code."),
            LastUpdated,
        ],
        ["ServiceRequest"] =
        [
            new("_id", SearchParamType.Token, "The referral id."),
            new("status", SearchParamType.Token, "request-status code; comma-separated values mean any of them."),
            new("patient", SearchParamType.Reference, "Patient/{id}; with :identifier, [system|]patient code."),
            LastUpdated,
        ],
        ["Organization"] =
        [
            new("_id", SearchParamType.Token, "The facility id."),
            new("name", SearchParamType.String, "Start of the facility's name, any case."),
            new("type", SearchParamType.Token, "The facility's level (phc, specialist, community, ...)."),
            new("address-state", SearchParamType.String, "The facility's region, exactly."),
        ],
        ["HealthcareService"] =
        [
            new("_id", SearchParamType.Token, "{facility}-{service}."),
            new("organization", SearchParamType.Reference, "Organization/{facility}: the services of one facility."),
            new("service-type", SearchParamType.Token, "A service code (psychiatric_consultation, psychosocial_support, ...)."),
        ],
    };
}
