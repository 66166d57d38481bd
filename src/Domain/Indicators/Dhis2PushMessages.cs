using MhSupply.Messages;

namespace MhSupply.Indicators;

/// <summary>What a push to DHIS2 did, in words (the admin's run answer, the job's log line). Web keys: <c>error.{code}</c>.</summary>
public static class Dhis2PushMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dhis2.push_not_configured"] = "DHIS2 is not configured (Dhis2:BaseUrl): nothing was sent.",
        ["dhis2.push_delivered"] = "{period} for {orgUnit} was sent to DHIS2, which answered {status}: {imported} imported, {updated} updated, {ignored} ignored, {deleted} deleted, {conflicts} conflicts.",
        ["dhis2.push_already_pushed"] = "{period} for {orgUnit} was already taken by DHIS2; it is not sent again unless forced (force=true).",
        ["dhis2.push_retry"] = "DHIS2 could not be reached for {period} (attempt {attempts}): {error}. It is tried again from {retryAt}.",
        ["dhis2.push_waits_for_retry"] = "{period} for {orgUnit} waits for its next attempt, from {retryAt}.",
        ["dhis2.push_failed"] = "The push of {period} for {orgUnit} was given up after {attempts} attempts: {error}.",
        ["dhis2.push_waits_for_admin"] = "{period} for {orgUnit} was refused or given up earlier: an admin can send it again.",
        ["dhis2.push_not_due"] = "The reports of {period} are due until {dueAt}: the scheduled push waits until then.",
        ["dhis2.push_nothing_mapped"] = "No figure of {period} for {orgUnit} has a DHIS2 mapping: nothing was sent.",
        ["dhis2.push_period_open"] = "{value} has not ended yet: only a complete period can be pushed.",
        ["dhis2.push_org_unit_unknown"] = "Dhis2:OrgUnit \"{orgUnit}\" is not one of our facilities, districts or regions: nothing was sent.",
        ["dhis2.push_busy"] = "Another push to DHIS2 is running: try again when it has finished.",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
