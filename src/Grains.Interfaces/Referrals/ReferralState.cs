using System.Text.Json;

namespace MhSupply.Referrals;

/// <summary>
/// What the referral grain needs to decide the next step: its one store is the snapshot in mh.referral, written at every
/// version in the same transaction as the history, follow-ups and deadlines, so state and ledger cannot disagree. Readers of
/// the worklist deserialize the same snapshot (<see cref="FromJson"/>).
/// </summary>
[GenerateSerializer, Alias("mh.referrals.ReferralState")]
public sealed class ReferralState
{
    [Id(0)] public int Version { get; set; }
    [Id(1)] public string Status { get; set; } = "";
    [Id(2)] public DateTimeOffset StatusAt { get; set; }
    [Id(3)] public string PatientCode { get; set; } = "";
    [Id(4)] public string Sex { get; set; } = "";
    [Id(5)] public int BirthYear { get; set; }
    [Id(6)] public string FromFacility { get; set; } = "";
    [Id(7)] public string? ToFacility { get; set; }
    [Id(8)] public string? ToService { get; set; }
    [Id(9)] public string District { get; set; } = "";
    [Id(10)] public string Reason { get; set; } = "";
    [Id(11)] public string Urgency { get; set; } = "";
    [Id(12)] public string? Notes { get; set; }
    [Id(13)] public bool Consent { get; set; }
    [Id(14)] public DateTimeOffset CreatedAt { get; set; }
    [Id(15)] public string CreatedBy { get; set; } = "";
    [Id(16)] public DateTimeOffset? AppointmentAt { get; set; }
    [Id(17)] public BackReferralInput? BackReferral { get; set; }
    [Id(18)] public DateTimeOffset? BackReferralSentAt { get; set; }
    [Id(19)] public string? BackReferralBy { get; set; }
    [Id(20)] public DateTimeOffset? BackReferralAcknowledgedAt { get; set; }
    [Id(21)] public List<FollowUpState> FollowUps { get; set; } = [];

    /// <summary>When the clock of the current deadline started: receiving a referral does not restart "not accepted".</summary>
    [Id(22)] public DateTimeOffset ClockFrom { get; set; }

    /// <summary>The sending facility's district: its coordinators and managers follow the referral too.</summary>
    [Id(23)] public string FromDistrict { get; set; } = "";

    /// <summary>Consent to share clinical details with community services, besides the receiving service (<see cref="Consent"/>).</summary>
    [Id(24)] public bool ConsentCommunity { get; set; }

    /// <summary>Facilities named in the consent.</summary>
    [Id(25)] public List<string> ConsentFacilities { get; set; } = [];

    /// <summary>
    /// The client ids of the latest steps (an offline phone sends each step with one and resends it until answered), so
    /// a resent step is answered as the first was instead of as a forbidden second transition.
    /// </summary>
    [Id(26)] public List<StepReceipt> RecentSteps { get; set; } = [];

    /// <summary>How many step ids a referral remembers: more than a referral's whole life takes.</summary>
    public const int RecentStepsKept = 100;

    public bool Exists => Version > 0;

    /// <summary>The step of that client id, if this referral has taken one.</summary>
    public StepReceipt? StepOf(Guid? stepId) => stepId is { } id ? RecentSteps.Find(r => r.Id == id) : null;

    /// <summary>Remembers a committed step's client id (none: nothing to remember).</summary>
    public void Remember(Guid? stepId, string operation)
    {
        if (stepId is not { } id)
        {
            return;
        }
        RecentSteps.Add(new StepReceipt(id, operation));
        if (RecentSteps.Count > RecentStepsKept)
        {
            RecentSteps.RemoveRange(0, RecentSteps.Count - RecentStepsKept);
        }
    }

    /// <summary>The snapshot's JSON spelling, shared by the grain's store and the read side.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static ReferralState FromJson(string snapshot) => JsonSerializer.Deserialize<ReferralState>(snapshot, Json)!;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public ReferralConsent ConsentGiven() => new(Consent, ConsentCommunity, ConsentFacilities);

    /// <summary>What the access policy decides on.</summary>
    public ReferralParties Parties() => new(FromFacility, FromDistrict, ToFacility, ToService, District, ConsentGiven());
}

/// <summary>A step's client id and what it did ("accept", "follow-up-attend:{follow-up id}", ...).</summary>
[GenerateSerializer, Immutable, Alias("mh.referrals.StepReceipt")]
public sealed record StepReceipt([property: Id(0)] Guid Id, [property: Id(1)] string Operation);

[GenerateSerializer, Alias("mh.referrals.FollowUpState")]
public sealed class FollowUpState
{
    [Id(0)] public Guid Id { get; set; }
    [Id(1)] public int Seq { get; set; }
    [Id(2)] public DateTimeOffset DueAt { get; set; }
    [Id(3)] public string Status { get; set; } = "scheduled";
    [Id(4)] public DateTimeOffset? AttendedAt { get; set; }
    [Id(5)] public DateTimeOffset? MissedAt { get; set; }
    [Id(6)] public string? MissedReason { get; set; }
    [Id(7)] public DateOnly? PromisedDate { get; set; }
    [Id(8)] public DateTimeOffset? TracedAt { get; set; }
    [Id(9)] public string? Outcome { get; set; }
}
