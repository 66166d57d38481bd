using MhSupply.Messages;

namespace MhSupply.Indicators;

/// <summary>The messages of indicator and HMIS requests. Web keys: <c>error.{code}</c>.</summary>
public static class IndicatorMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["indicator.period_invalid"] = "\"{value}\" is not a period. Write a month as 2026-11, a quarter as 2026Q4 or a year as 2026.",
        ["indicator.level_invalid"] = "\"{value}\" is not a level. Use one of: {allowed}.",
        ["indicator.id_required"] = "Name the {level} the indicators are for.",
        ["indicator.id_unknown"] = "There is no {level} \"{value}\".",
        ["indicator.unknown"] = "\"{value}\" is not an indicator. Use one of: {allowed}.",
        ["indicator.range_invalid"] = "The trend runs from {from} to {to}: both periods of the same kind, the first not after the second, at most {max} periods.",
        ["indicator.forbidden"] = "Indicators are for district managers and admins, and for facility heads about their own facility.",
        ["dhis2.uid_invalid"] = "\"{value}\" is not a DHIS2 uid: 11 letters and digits, starting with a letter (for example fbfJHSPpUQD).",
        ["dhis2.dimension_invalid"] = "\"{value}\" is not a breakdown of {indicator}. Use one of: {allowed}.",
        ["dhis2.member_required"] = "A breakdown needs both its dimension and its member (for example medicine and fluoxetine-20), or neither for the indicator's whole.",
        ["dhis2.duplicate"] = "{value} is mapped twice. Keep one line for it.",
        ["dhis2.target_shared"] = "The data element {value} (with this category option combo) is given to two figures: on import one would overwrite the other.",
        ["dhis2.kind_invalid"] = "\"{value}\" is not a kind of mapping line. Use dataElement or orgUnit.",
        ["dhis2.org_unit_unknown"] = "\"{value}\" is not one of our facilities, districts or regions.",
        ["indicator.out_of_scope"] = "These indicators are outside your scope: you can see {scope}.",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
