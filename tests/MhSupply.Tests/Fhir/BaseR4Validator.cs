using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace MhSupply.Tests.Fhir;

/// <summary>
/// Firely's validator with the base R4 profiles (specification.zip of Hl7.Fhir.Specification.Data.R4), built once for
/// the whole test run: loading and compiling the profiles takes seconds, validating a resource after that milliseconds.
/// </summary>
internal static class BaseR4Validator
{
    private static readonly Lazy<Validator> Profiles = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, LocalTerminologyService.CreateDefaultForCore(source));
    });

    /// <summary>The errors (and fatal issues) of validating <paramref name="resource"/>, each with where it is.</summary>
    public static IReadOnlyList<string> ErrorsOf(Resource resource)
    {
        // The validator keeps compiled schemas in a cache that is not guaranteed to be safe for parallel use.
        lock (Profiles)
        {
            return Profiles.Value.Validate(resource).Issue
                .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                .Select(i => $"{resource.TypeName}/{resource.Id}: {string.Join(",", i.Expression ?? [])} {i.Details?.Text ?? i.Diagnostics}")
                .ToList();
        }
    }
}
