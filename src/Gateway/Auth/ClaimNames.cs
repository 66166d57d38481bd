namespace MhSupply.Gateway.Auth;

/// <summary>JWT claim names of the API contract; kept short and unmapped (no XML-namespace claim types).</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Facility = "facility";
    public const string District = "district";
}
