namespace MhSupply.Gateway.Fhir.Writes;

/// <summary>
/// The FHIR writes: a referral created by a transaction Bundle, its steps by an update of its Task (PUT, or a JSON
/// Patch). Each translates the FHIR resource into the /api/ body and runs the same validator and grain call as /api/
/// (ReferralCreateEndpoint, ReferralStepEndpoints.Act); the answer is the resource as the reads render it.
/// </summary>
public static class FhirWriteEndpoints
{
    public static RouteGroupBuilder MapFhirWrites(this RouteGroupBuilder fhir)
    {
        fhir.MapPost("/", FhirCreateEndpoint.Create);
        fhir.MapPut("/Task/{id}", FhirTaskEndpoints.Put);
        fhir.MapPatch("/Task/{id}", FhirTaskEndpoints.Patch);
        return fhir;
    }
}
