using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using MhSupply.Referrals;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// A referral's domain state as FHIR Task and ServiceRequest statuses. The Task table is the shared design's; it moves to
/// the domain (FhirTaskStatus) with the FHIR writes, and these methods then ask it, so reads and writes share one table.
/// The reverse (which states a searched status means) is derived from it, never written twice.
/// </summary>
public static class TaskStates
{
    /// <summary>The Task status of a state, from the one table (<see cref="FhirTaskStatus"/>, shared with the writes).</summary>
    public static Hl7.Fhir.Model.Task.TaskStatus StatusOf(ReferralStatus state) =>
        EnumUtility.ParseLiteral<Hl7.Fhir.Model.Task.TaskStatus>(FhirTaskStatus.StatusOf(state))
            ?? throw new InvalidOperationException($"'{FhirTaskStatus.StatusOf(state)}' is not a FHIR Task status");

    /// <summary>
    /// The ServiceRequest's status: the request stays active while its Task runs; a refused, failed or cancelled referral
    /// is a revoked request (R4 request-status has no rejected or failed).
    /// </summary>
    public static RequestStatus RequestStatusOf(ReferralStatus state) => state switch
    {
        ReferralStatus.OnHold => RequestStatus.OnHold,
        ReferralStatus.Completed => RequestStatus.Completed,
        ReferralStatus.Rejected or ReferralStatus.Failed or ReferralStatus.Cancelled => RequestStatus.Revoked,
        ReferralStatus.EnteredInError => RequestStatus.EnteredInError,
        _ => RequestStatus.Active,
    };

    /// <summary>The domain states (wire names) a searched Task status stands for; null when it is no Task status code.</summary>
    public static IReadOnlyList<string>? StatesOfTask(string code) =>
        Enum.GetValues<Hl7.Fhir.Model.Task.TaskStatus>().Any(t => t.GetLiteral() == code) ? StatesWhere(s => StatusOf(s).GetLiteral() == code) : null;

    /// <summary>The domain states (wire names) a searched ServiceRequest status stands for; null when it is no request-status code.</summary>
    public static IReadOnlyList<string>? StatesOfRequest(string code) =>
        Enum.GetValues<RequestStatus>().Any(r => r.GetLiteral() == code) ? StatesWhere(s => RequestStatusOf(s).GetLiteral() == code) : null;

    /// <summary>Possibly none: a status we never give (draft, ready) matches no referral.</summary>
    private static IReadOnlyList<string> StatesWhere(Func<ReferralStatus, bool> matches) =>
        Enum.GetValues<ReferralStatus>().Where(matches).Select(s => s.ToWireName()).ToArray();
}
