namespace MhSupply.Referrals;

/// <summary>
/// A referral as its grain last committed it: the snapshot, the deadline the step set (the due columns), the history and
/// the contact ciphertexts. Everything a detail shows, so a step is answered from what was just written, not read back.
/// </summary>
/// <remarks>
/// The history is kept beside the snapshot, not in it: the snapshot stays what the grain decides on. It is bounded in
/// practice (a row per step: a dozen state changes and at most three per follow-up visit) and is loaded with the snapshot.
/// </remarks>
[GenerateSerializer, Immutable, Alias("mh.referrals.ReferralRecord")]
public sealed record ReferralRecord(
    [property: Id(0)] ReferralState State,
    [property: Id(1)] ReferralDeadline? Due,
    [property: Id(2)] IReadOnlyList<ReferralHistoryEntry> History,
    [property: Id(3)] byte[]? NameEncrypted,
    [property: Id(4)] byte[]? PhoneEncrypted)
{
    public static ReferralRecord None { get; } = new(new ReferralState(), null, [], null, null);

    /// <summary>The same referral without the person's name and phone: for a caller the policy does not show them to.</summary>
    public ReferralRecord WithoutContact() => this with { NameEncrypted = null, PhoneEncrypted = null };
}

/// <summary>One row of the referral's history (mh.referral_history): who took which step, when, and why.</summary>
[GenerateSerializer, Immutable, Alias("mh.referrals.ReferralHistoryEntry")]
public sealed record ReferralHistoryEntry(
    [property: Id(0)] int Version,
    [property: Id(1)] string Action,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string By,
    [property: Id(5)] string? Reason);
