using MhSupply.Messages;

namespace MhSupply.Indicators;

/// <summary>A push's outcome in words (<see cref="Dhis2PushMessages"/>): the admin's run answer and the scheduled job's summary say the same.</summary>
public static class Dhis2PushWords
{
    public static UserMessage Of(Dhis2PushAnswer answer)
    {
        var push = answer.Push;
        // The whole country has no id: the parameter says "national", English words it.
        object place = answer.OrgUnit.Length == 0 ? new Shown("national", "the whole country") : answer.OrgUnit;
        var code = "dhis2.push_" + answer.Outcome;
        return answer.Outcome switch
        {
            Dhis2PushOutcomes.Delivered => Dhis2PushMessages.Of(code, ("period", answer.Period), ("orgUnit", place), ("status", push?.Status),
                ("imported", push?.ImportCount?.Imported ?? 0), ("updated", push?.ImportCount?.Updated ?? 0), ("ignored", push?.ImportCount?.Ignored ?? 0),
                ("deleted", push?.ImportCount?.Deleted ?? 0), ("conflicts", push?.Conflicts.Count ?? 0)),
            Dhis2PushOutcomes.Retry => Dhis2PushMessages.Of(code, ("period", answer.Period), ("attempts", push?.Attempts ?? 0), ("error", push?.Error),
                ("retryAt", push?.NextAttemptAt)),
            Dhis2PushOutcomes.WaitsForRetry => Dhis2PushMessages.Of(code, ("period", answer.Period), ("orgUnit", place), ("retryAt", push?.NextAttemptAt)),
            Dhis2PushOutcomes.Failed => Dhis2PushMessages.Of(code, ("period", answer.Period), ("orgUnit", place), ("attempts", push?.Attempts ?? 0),
                ("error", push?.Error)),
            Dhis2PushOutcomes.NotDue => Dhis2PushMessages.Of(code, ("period", answer.Period), ("dueAt", answer.DueAt)),
            Dhis2PushOutcomes.NotConfigured or Dhis2PushOutcomes.Busy => Dhis2PushMessages.Of(code),
            Dhis2PushOutcomes.OrgUnitUnknown => Dhis2PushMessages.Of(code, ("orgUnit", answer.OrgUnit)),
            _ => Dhis2PushMessages.Of(code, ("period", answer.Period), ("orgUnit", place)),
        };
    }
}
