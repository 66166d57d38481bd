namespace MhSupply.Stock;

/// <summary>
/// Why an adjustment changed stock (docs/domain.md, "Stock cards and events"): reference data an admin manages and imports,
/// as OpenLMIS stock adjustment reasons are, seeded with expired, damaged, lost, stolen (debits) and found, returned
/// (credits). <see cref="Credit"/>: the reason puts stock back on the shelf. It never changes once the reason exists,
/// and each event keeps the sign it was accepted with (<see cref="StockEvent.Credit"/>), so a card replays the same
/// whatever the catalogue becomes. An inactive reason is no longer offered, but a report naming it (a phone that was
/// offline when it was retired, a retry) is still accepted: a field report is never lost to a catalogue change.
/// </summary>
public sealed record AdjustmentReason(string Code, string Name, bool Credit, AdjustmentCategory Category, bool Active)
{
    /// <summary>Longest name kept; a reason reads on one line of a phone's picker.</summary>
    public const int MaxName = 120;

    /// <summary>The direction's wire word: credit (adds) or debit (takes off).</summary>
    public string Direction => Credit ? "credit" : "debit";

    /// <summary>Reads a direction word; null when it is neither credit nor debit.</summary>
    public static bool? CreditOf(string? direction) => direction switch
    {
        "credit" => true,
        "debit" => false,
        _ => null,
    };
}

/// <summary>
/// What kind of loss or gain a reason is, for reporting: the expired-losses indicator counts the debits of
/// <see cref="Expiry"/> reasons whatever their code ("expired", "passed open-vial time limit").
/// </summary>
public enum AdjustmentCategory
{
    Expiry = 1,
    Damage,
    Loss,
    Theft,
    Found,
    Return,
    Other,
}
