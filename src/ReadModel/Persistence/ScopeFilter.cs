using Dapper;

namespace MhSupply.Persistence;

/// <summary>
/// A caller's scope in SQL, for every query that lists rows by facility and district (stock cards, alerts, subscriptions,
/// pending projections): everything, or the rows of the caller's districts or facilities. One spelling, so no list
/// reaches further than another. Referrals have their own reach (<see cref="MhSupply.Referrals.ReferralReachSql"/>).
/// </summary>
public static class ScopeFilter
{
    /// <summary>The predicate over the row's <paramref name="district"/> and <paramref name="facility"/> (SQL expressions);
    /// its parameters come from <see cref="AddTo"/>.</summary>
    public static string Covers(string district, string facility) =>
        $"(@scope_all OR {district} = ANY(@scope_districts) OR {facility} = ANY(@scope_facilities))";

    /// <param name="districts">With <paramref name="facilities"/>, the caller's reach; both null means everything.</param>
    public static DynamicParameters AddTo(DynamicParameters parameters, IReadOnlyCollection<string>? districts,
        IReadOnlyCollection<string>? facilities)
    {
        parameters.Add("scope_all", districts is null && facilities is null);
        parameters.Add("scope_districts", districts?.ToArray() ?? []);
        parameters.Add("scope_facilities", facilities?.ToArray() ?? []);
        return parameters;
    }
}
