namespace MhSupply.Gateway.Fhir.Writes;

/// <summary>
/// The shared validators name the /api/ body's fields (<c>patient.code</c>, <c>medicines[0].dose</c>); a FHIR partner sent
/// elements. This names a field by the element it was read from, so an OperationOutcome's expression points into what
/// the partner sent (<see cref="FhirOutcomes.FromProblem"/> takes it).
/// </summary>
public static class FhirFieldPaths
{
    /// <summary>The element of a field: its own, that of its nearest parent (<c>medicines[0]</c> for <c>medicines[0].dose</c>), or the field itself.</summary>
    public static Func<string, string> Of(IReadOnlyDictionary<string, string> paths) => field =>
    {
        for (var name = field; name.Length > 0; name = Parent(name))
        {
            if (paths.TryGetValue(name, out var path))
            {
                return path;
            }
        }
        return field;
    };

    private static string Parent(string name)
    {
        var cut = name.LastIndexOfAny(['.', '[']);
        return cut <= 0 ? "" : name[..cut];
    }
}
