using System.Security.Claims;
using MhSupply.Access;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Indicators;
using MhSupply.Reference;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Indicators;

/// <summary>
/// The place of an indicator request (<c>level</c> and <c>id</c>), read and checked once for every indicator and HMIS
/// endpoint: district managers and admins, facility heads for their own facility (docs/api.md "Indicators and HMIS
/// export"). A district manager sees their districts and the facilities in them; the region and the country are the
/// admins'.
/// </summary>
public static class IndicatorRequest
{
    public static readonly string[] Readers = [Roles.Admin, Roles.DistrictManager, Roles.FacilityHead];

    /// <summary>The scope asked for, or the 400/403/404 that answers instead. Errors name the field.</summary>
    public static async Task<(IndicatorScope? Scope, IResult? Refusal)> ScopeAsync(string? level, string? id, ClaimsPrincipal user,
        FacilityDirectory directory, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (!user.HasAnyRole(Readers))
        {
            return (null, Problems.Forbidden(IndicatorMessages.Of("indicator.forbidden")));
        }
        var parsed = level is null ? IndicatorLevel.National : IndicatorLevels.Parse(level);
        if (parsed is null)
        {
            errors.Add("level", IndicatorMessages.Of("indicator.level_invalid", ("value", level), ("allowed", string.Join(", ", IndicatorLevels.WireNames))));
            return (null, null);
        }
        var scope = new IndicatorScope(parsed.Value, parsed == IndicatorLevel.National ? null : id?.Trim());
        if (scope.Level != IndicatorLevel.National && string.IsNullOrEmpty(scope.Id))
        {
            errors.Add("id", IndicatorMessages.Of("indicator.id_required", ("level", scope.Level.ToWireName())));
            return (null, null);
        }
        if (errors.Any)
        {
            return (null, null);
        }
        var (known, covered) = scope.Level switch
        {
            IndicatorLevel.Facility => await FacilityAsync(scope.Id!, user, directory, cancellationToken),
            IndicatorLevel.District => (await directory.HasAreaAsync(scope.Id!, region: false, cancellationToken),
                user.IsAdmin() || (user.IsInRole(Roles.DistrictManager) && ScopeChecker.CoversDistrict(user, scope.Id!))),
            IndicatorLevel.Region => (await directory.HasAreaAsync(scope.Id!, region: true, cancellationToken), user.IsAdmin()),
            _ => (true, user.IsAdmin()),
        };
        if (!covered)
        {
            return (null, Problems.Forbidden(IndicatorMessages.Of("indicator.out_of_scope", ("scope", Reach(user)))));
        }
        if (!known)
        {
            return (null, Problems.NotFound(IndicatorMessages.Of("indicator.id_unknown", ("level", scope.Level.ToWireName()), ("value", scope.Id))));
        }
        return (scope, null);
    }

    /// <summary>A facility head reads their own facility; a district manager a facility of their districts.</summary>
    private static async Task<(bool Known, bool Covered)> FacilityAsync(string id, ClaimsPrincipal user, FacilityDirectory directory,
        CancellationToken cancellationToken)
    {
        var facility = await directory.FindAsync(id, cancellationToken);
        var covered = user.IsAdmin()
            || (user.IsInRole(Roles.FacilityHead) && user.Facilities().Contains(id))
            || (user.IsInRole(Roles.DistrictManager) && facility is not null && user.Districts().Contains(facility.District));
        return (facility is not null, covered);
    }

    /// <summary>What the caller may see, in words for the refusal.</summary>
    private static string Reach(ClaimsPrincipal user) =>
        user.IsInRole(Roles.DistrictManager) ? string.Join(", ", user.Districts().Order(StringComparer.Ordinal))
        : string.Join(", ", user.Facilities().Order(StringComparer.Ordinal));

    public static IndicatorPeriod? Period(string? text, string field, ValidationErrors errors)
    {
        var period = IndicatorPeriod.Parse(text);
        if (period is null)
        {
            errors.Add(field, IndicatorMessages.Of("indicator.period_invalid", ("value", text ?? "")));
        }
        return period;
    }
}
