namespace MhSupply.Referrals;

/// <summary>How soon the patient must be seen; sets the acceptance deadline (domain reference, "Referrals").</summary>
public enum Urgency
{
    Emergency = 1,
    Urgent,
    Routine,
}
