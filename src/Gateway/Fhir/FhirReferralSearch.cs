using Hl7.Fhir.Model;
using MhSupply.Gateway.Referrals;
using MhSupply.Hosting;
using MhSupply.Referrals;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// GET /fhir/Task and /fhir/ServiceRequest: the worklist's query (ReferralQueries.ListAsync within
/// ReferralAccessPolicy.ReachOf) with FHIR's filters, each row cut by the same policy and mapper as a read, and each listed
/// referral audited as the worklist audits it (AuditListedAsync). A count-only search shows no referral and audits none.
/// </summary>
public static class FhirReferralSearch
{
    public static RouteGroupBuilder MapFhirReferralSearches(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Task", (HttpContext http, ReferralQueries queries, ReferralCallers callers, [FromKeyedServices(Clock.Key)] TimeProvider clock,
            CancellationToken ct) => Search("Task", http, queries, callers, clock, ct));
        fhir.MapGet("/ServiceRequest", (HttpContext http, ReferralQueries queries, ReferralCallers callers,
            [FromKeyedServices(Clock.Key)] TimeProvider clock, CancellationToken ct) => Search("ServiceRequest", http, queries, callers, clock, ct));
        return fhir;
    }

    private static async Task<FhirResourceResult> Search(string type, HttpContext http, ReferralQueries queries, ReferralCallers callers,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (search, problem) = FhirSearch.Read(type, http.Request.Query, "patient:identifier");
        if (problem is not null)
        {
            return problem;
        }
        var (filter, filterProblem) = FilterOf(type, search!);
        if (filterProblem is not null)
        {
            return filterProblem;
        }
        var caller = await callers.ResolveAsync(http.ActorOf(), cancellationToken);
        var now = clock.GetUtcNow();
        var list = filter is null
            ? new ReferralQueries.Worklist([], 0, new Dictionary<string, long>())
            : await queries.ListAsync(ReferralAccessPolicy.ReachOf(caller), filter, false, now, search!.Offset,
                search.CountOnly ? 0 : search.Count, cancellationToken);
        var entries = new List<(Resource, Bundle.SearchEntryMode)>();
        if (!search!.CountOnly && list.Items.Count > 0)
        {
            var histories = await queries.HistoriesAsync(list.Items.Select(r => r.Id).ToList(), cancellationToken);
            foreach (var row in list.Items)
            {
                var state = row.State();
                // As ReferralQueries.RecordAsync does for a read: snapshots older than the sending district's column lack it.
                state.FromDistrict = row.FromDistrict;
                var record = new ReferralRecord(state, row.Deadline(), histories.GetValueOrDefault(row.Id) ?? [], null, null);
                var view = ReferralDtoMapper.ToDto(row.Id, record, ReferralAccessPolicy.Decide(caller, row.Parties()), null, null, now);
                if (type == "ServiceRequest")
                {
                    entries.Add((ReferralResources.ServiceRequest(view), Bundle.SearchEntryMode.Match));
                    continue;
                }
                entries.Add((ReferralResources.ForwardTask(view), Bundle.SearchEntryMode.Match));
                // The back-referral Task of a matched referral comes with it: a closed-loop partner finds it without a second search.
                if (ReferralResources.BackTask(view) is { } back)
                {
                    entries.Add((back, Bundle.SearchEntryMode.Include));
                }
            }
            await queries.AuditListedAsync(list.Items.Select(i => i.Id).ToList(), http.ActorOf().Subject, http.RoleOf(),
                http.Connection.RemoteIpAddress?.ToString(), now, cancellationToken);
        }
        return FhirJson.Result(search.ToBundle(http.Request, list.Total, entries));
    }

    /// <summary>
    /// The query's filters as the worklist's; a null filter (no error) when a value can match nothing (an id that is no
    /// referral's, a status we never give), so the answer is an empty searchset.
    /// </summary>
    private static (ReferralFilter? Filter, FhirResourceResult? Problem) FilterOf(string type, FhirSearch search)
    {
        var statuses = new List<string>();
        if (search["status"] is { } status)
        {
            foreach (var code in status.Split(',', StringSplitOptions.TrimEntries))
            {
                var states = type == "Task" ? TaskStates.StatesOfTask(code) : TaskStates.StatesOfRequest(code);
                if (states is null)
                {
                    return (null, FhirOutcomes.Invalid("status", $"'{code}' is not a {(type == "Task" ? "Task status" : "request-status")} code."));
                }
                statuses.AddRange(states);
            }
            if (statuses.Count == 0)
            {
                return (null, null);
            }
        }
        var filter = new ReferralFilter(statuses.Distinct().ToArray())
        {
            StatusFrom = search.UpdatedFrom,
            StatusBefore = search.UpdatedBefore,
        };
        var ids = new List<string>();
        if (search["_id"] is { } id)
        {
            ids.Add(id);
        }
        if (search["patient"] is { } patient)
        {
            if (FhirReferences.IdOf(patient, "Patient", bareIdAllowed: true) is not { } patientId)
            {
                return (null, FhirOutcomes.Invalid("patient", $"'patient' must be Patient/{{id}}, got '{patient}'."));
            }
            ids.Add(patientId);
        }
        if (ids.Count > 0)
        {
            // A Patient's id is its referral's (ReferralResources.Patient): both name one referral, or none when they differ.
            if (ids.Distinct().Count() > 1 || !Guid.TryParseExact(ids[0], "D", out var referral))
            {
                return (null, null);
            }
            filter = filter with { Ids = [referral] };
        }
        if (search["patient:identifier"] is { } identifier)
        {
            var bar = identifier.IndexOf('|', StringComparison.Ordinal);
            var system = bar < 0 ? null : identifier[..bar];
            var code = bar < 0 ? identifier : identifier[(bar + 1)..];
            const string codeSystem = "urn:mhsupply:patient-code:";
            if (code.Length == 0)
            {
                return (null, FhirOutcomes.Invalid("patient:identifier", "'patient:identifier' needs a patient code ([system|]code)."));
            }
            if (system is not null && !(system.StartsWith(codeSystem, StringComparison.Ordinal) && system.Length > codeSystem.Length))
            {
                // Our patients carry no other identifier (an empty system, "|code", means one without a system).
                return (null, null);
            }
            filter = filter with { PatientCodeExact = code, FromFacility = system?[codeSystem.Length..] };
        }
        if (type == "Task")
        {
            foreach (var (name, apply) in new (string, Func<ReferralFilter, string, ReferralFilter>)[]
            {
                ("owner", (f, v) => f with { ToFacility = v }),
                ("requester", (f, v) => f.FromFacility is { } already && already != v ? f with { Ids = [] } : f with { FromFacility = v }),
            })
            {
                if (search[name] is not { } value)
                {
                    continue;
                }
                if (FhirReferences.IdOf(value, "Organization", bareIdAllowed: true) is not { } facility)
                {
                    return (null, FhirOutcomes.Invalid(name, $"'{name}' must be Organization/{{facility}}, got '{value}'."));
                }
                filter = apply(filter, facility);
            }
        }
        return (filter, null);
    }
}
