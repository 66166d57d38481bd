using MhSupply.Messages;
using MhSupply.Gateway.Errors;
using MhSupply.Reference;
using MhSupply.Hosting;
using MhSupply.Referrals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Referrals;

/// <summary>The reads of referrals: the worklist, a referral's detail and its audit, each audited as the policy requires.</summary>
public static class ReferralReadEndpoints
{
    public static async Task<Results<Ok<ReferralDto>, ValidationProblem, ProblemHttpResult>> Get(Guid id, HttpContext http, ReferralViews views,
        CancellationToken cancellationToken)
    {
        if (http.JustificationProblem() is { } tooLong)
        {
            return tooLong;
        }
        var view = await views.ReadAsync(id, http, cancellationToken);
        return view is null ? ReferralProblems.NotFound(ReferralMessages.Of("referral.not_in_scope")) : TypedResults.Ok(view);
    }

    /// <summary>The longest patient-code search: a code is at most 40 characters (PatientCodes).</summary>
    private const int MaxSearchLength = 40;

    /// <param name="status">A state, or <c>open</c> (not terminal) or <c>closed</c> (terminal); <paramref name="state"/> says the same.</param>
    /// <param name="q">A patient code or part of one, any case.</param>
    public static async Task<Results<Ok<WorklistDto>, ValidationProblem>> Worklist(string? status, string? state, bool? overdue, string? district,
        string? facility, string? urgency, string? q, [AsParameters] Paging paging, HttpContext http, ReferralQueries queries,
        ReferralCallers callers, ContactProtector contacts, [FromKeyedServices(Clock.Key)] TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var statuses = Statuses(status, "status", errors);
        var stateStatuses = Statuses(state, "state", errors);
        errors.Require(status is null || state is null || status == state, "state", RequestMessages.Of("request.filters_disagree", ("field", "status"), ("other", "state")));
        errors.Require(urgency is null || WireNames.TryParse<Urgency>(urgency, out _), "urgency", ReferralMessages.Of("referral.urgency_invalid"));
        errors.Require(facility is null || Ids.IsValid(facility), "facility", () => RequestMessages.Of("request.facility_id_invalid", ("value", facility)));
        errors.Require(q is null || q.Length <= MaxSearchLength, "q", RequestMessages.Of("request.too_long", ("field", "q"), ("max", MaxSearchLength)));
        if (errors.Any)
        {
            return ReferralProblems.Invalid(errors);
        }
        var caller = await callers.ResolveAsync(http.ActorOf(), cancellationToken);
        var now = clock.GetUtcNow();
        var filter = new ReferralFilter(statuses ?? stateStatuses ?? [], district, facility, urgency, q);
        var list = await queries.ListAsync(ReferralAccessPolicy.ReachOf(caller), filter, overdue ?? false, now,
            paging.Offset, paging.Size, cancellationToken);
        // The same policy as the detail decides each row's fields; the query listed only rows it lets the caller read.
        var items = new List<WorklistItemDto>(list.Items.Count);
        foreach (var r in list.Items)
        {
            var access = ReferralAccessPolicy.Decide(caller, r.Parties());
            WireNames.TryParse<ReferralStatus>(r.Status, out var current);
            // The phone is for tracing: shown to those the policy shows the contact (as the detail would), to no one else.
            var phone = access.Sees(ReferralParts.Contact) ? contacts.Unprotect(r.PhoneEncrypted) : null;
            items.Add(new WorklistItemDto(r.Id, r.Status, r.StatusAt, r.PatientCode, r.FromFacility, r.ToFacility,
                r.ToService, r.District, r.Urgency, access.Sees(ReferralParts.Reason) ? r.Reason : null,
                ReferralDtoMapper.Due(r.Deadline(), current, now), r.FromFacilityName, r.ToFacilityName, phone));
        }
        await queries.AuditListedAsync(items.Select(i => i.Id).ToList(), http.ActorOf().Subject, http.RoleOf(),
            http.Connection.RemoteIpAddress?.ToString(), now, cancellationToken);
        return TypedResults.Ok(new WorklistDto(items, paging.PageNumber, paging.Size, list.Total, list.Counts,
            ReferralAccessPolicy.MayReferAtAll(caller)));
    }

    /// <summary>A state filter: one state, or the group <c>open</c> or <c>closed</c>; null when not given.</summary>
    private static IReadOnlyList<string>? Statuses(string? value, string field, ValidationErrors errors)
    {
        switch (value)
        {
            case null:
                return null;
            case "open":
                return Enum.GetValues<ReferralStatus>().Where(s => !s.IsTerminal()).Select(s => s.ToWireName()).ToArray();
            case "closed":
                return Enum.GetValues<ReferralStatus>().Where(s => s.IsTerminal()).Select(s => s.ToWireName()).ToArray();
        }
        if (WireNames.TryParse<ReferralStatus>(value, out var one))
        {
            return [one.ToWireName()];
        }
        errors.Add(field, RequestMessages.Of("request.state_filter_invalid", ("value", value), ("allowed", string.Join(", ", WireNames<ReferralStatus>.All))));
        return null;
    }

    public static async Task<Results<Ok<List<AuditDto>>, ProblemHttpResult>> Audit(Guid id, HttpContext http, ReferralQueries queries,
        ReferralCallers callers, ReferralViews views, CancellationToken cancellationToken)
    {
        var row = await queries.FindAsync(id, cancellationToken);
        if (row is null)
        {
            return ReferralProblems.NotFound(ReferralMessages.Of("referral.not_in_scope"));
        }
        var caller = await callers.ResolveAsync(http.ActorOf(), cancellationToken);
        if (!ReferralAccessPolicy.MayReadAudit(caller, row.Parties()))
        {
            await views.AuditAsync(id, http, "denied-audit", null, cancellationToken);
            // Only those who may read the referral learn that its audit is closed to them; to anyone else it does not exist.
            return ReferralAccessPolicy.Decide(caller, row.Parties()).CanRead
                ? ReferralProblems.Forbidden(ReferralMessages.Of("referral.audit_forbidden"))
                : ReferralProblems.NotFound(ReferralMessages.Of("referral.not_in_scope"));
        }
        var rows = await queries.AuditAsync(id, cancellationToken);
        return TypedResults.Ok(rows.Select(a => new AuditDto(a.At, a.Actor, a.Role, a.Action, a.ClientAddress,
            a.Justification)).ToList());
    }

}
