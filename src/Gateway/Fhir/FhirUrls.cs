namespace MhSupply.Gateway.Fhir;

/// <summary>The server's base URL as the caller reached it (a Bundle's fullUrl and links, Location headers).</summary>
public static class FhirUrls
{
    public static string BaseOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{FhirEndpoints.BasePath}";
}
