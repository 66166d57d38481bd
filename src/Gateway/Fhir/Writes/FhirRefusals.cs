using MhSupply.Referrals;
using Model = Hl7.Fhir.Model;

namespace MhSupply.Gateway.Fhir.Writes;

/// <summary>
/// A grain's refusal as an OperationOutcome: the /api/ problem answer (its status, message code and words, the state a
/// forbidden step names) converted, with the element at fault when the grain named a field the problem does not carry
/// (a reused id: the ServiceRequest's fullUrl).
/// </summary>
public static class FhirRefusals
{
    public static IResult Of(ReferralOutcome outcome, IResult problem, Func<string, string> paths)
    {
        var answer = FhirOutcomes.FromProblem(problem, paths)!;
        if (outcome.Field is { } field && answer.Resource is Model.OperationOutcome operationOutcome)
        {
            foreach (var issue in operationOutcome.Issue.Where(i => i.Expression is null || !i.Expression.Any()))
            {
                issue.Expression = [paths(field)];
            }
        }
        return answer;
    }
}
