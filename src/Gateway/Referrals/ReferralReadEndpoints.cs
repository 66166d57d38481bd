using MhSupply.Gateway.Errors;
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
        return view is null ? ReferralProblems.NotFound(ReferralProblems.NotInScope) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<WorklistDto>, ValidationProblem>> Worklist(string? status, bool? overdue, string? district,
        string? facility, [AsParameters] Paging paging, HttpContext http, ReferralQueries queries, ReferralCallers callers,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, CancellationToken cancellationToken)
    {
        if (status is not null && !WireNames.TryParse<ReferralStatus>(status, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is a referral state"] });
        }
        var caller = await callers.ResolveAsync(http.ActorOf(), cancellationToken);
        var now = clock.GetUtcNow();
        var list = await queries.ListAsync(ReferralAccessPolicy.ReachOf(caller), status, district, facility, overdue ?? false, now,
            paging.Offset, paging.Size, cancellationToken);
        // The same policy as the detail decides each row's fields; the query listed only rows it lets the caller read.
        var items = new List<WorklistItemDto>(list.Items.Count);
        foreach (var r in list.Items)
        {
            var access = ReferralAccessPolicy.Decide(caller, r.Parties());
            items.Add(new WorklistItemDto(r.Id, r.Status, r.StatusAt, r.PatientCode, r.FromFacility, r.ToFacility,
                r.ToService, r.District, r.Urgency, access.Sees(ReferralParts.Reason) ? r.Reason : null, ReferralDtoMapper.Due(r.Deadline(), now)));
        }
        await queries.AuditListedAsync(items.Select(i => i.Id).ToList(), http.ActorOf().Subject, http.RoleOf(),
            http.Connection.RemoteIpAddress?.ToString(), now, cancellationToken);
        return TypedResults.Ok(new WorklistDto(items, paging.PageNumber, paging.Size, list.Total, list.Counts,
            ReferralAccessPolicy.MayReferAtAll(caller)));
    }

    public static async Task<Results<Ok<List<AuditDto>>, ProblemHttpResult>> Audit(Guid id, HttpContext http, ReferralQueries queries,
        ReferralCallers callers, ReferralViews views, CancellationToken cancellationToken)
    {
        var row = await queries.FindAsync(id, cancellationToken);
        if (row is null)
        {
            return ReferralProblems.NotFound(NotInReach);
        }
        var caller = await callers.ResolveAsync(http.ActorOf(), cancellationToken);
        if (!ReferralAccessPolicy.MayReadAudit(caller, row.Parties()))
        {
            await views.AuditAsync(id, http, "denied-audit", null, cancellationToken);
            // Only those who may read the referral learn that its audit is closed to them; to anyone else it does not exist.
            return ReferralAccessPolicy.Decide(caller, row.Parties()).CanRead
                ? ReferralProblems.Forbidden("The audit is for admins and the district's manager.")
                : ReferralProblems.NotFound(NotInReach);
        }
        var rows = await queries.AuditAsync(id, cancellationToken);
        return TypedResults.Ok(rows.Select(a => new AuditDto(a.At, a.Actor, a.Role, a.Action, a.ClientAddress,
            a.Justification)).ToList());
    }

    private const string NotInReach = "No such referral within your scope.";
}
