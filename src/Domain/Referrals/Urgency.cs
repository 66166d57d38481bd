namespace MhSupply.Referrals;

/// <summary>How soon the patient must be seen; sets the acceptance deadline (docs/domain.md, "Referrals").</summary>
public enum Urgency
{
    Emergency = 1,
    Urgent,
    Routine,
}
