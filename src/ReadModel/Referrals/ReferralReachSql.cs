using Dapper;

namespace MhSupply.Referrals;

/// <summary>
/// <see cref="ReferralReach.Covers"/> spelled in SQL over a row of mh.referral, for every query that lists referrals or
/// what names them (the worklist, referral alerts): one spelling, so no list shows a referral the policy would not open.
/// </summary>
public static class ReferralReachSql
{
    /// <summary>The predicate over the mh.referral row aliased <paramref name="r"/>; its parameters come from <see cref="AddTo"/>.</summary>
    public static string Covers(string r) => $"""
        (@reach_all OR {r}.district = ANY(@reach_districts) OR {r}.from_district = ANY(@reach_districts)
         OR {r}.from_facility = ANY(@reach_facilities) OR {r}.to_facility = ANY(@reach_facilities)
         OR ({r}.to_facility IS NULL AND ({r}.district, {r}.to_service) IN (SELECT * FROM unnest(@reach_claim_districts, @reach_claim_services))))
        """;

    public static DynamicParameters AddTo(DynamicParameters parameters, ReferralReach reach)
    {
        parameters.Add("reach_all", reach.All);
        parameters.Add("reach_districts", reach.Districts.ToArray());
        parameters.Add("reach_facilities", reach.Facilities.ToArray());
        parameters.Add("reach_claim_districts", reach.ServiceClaims.Select(c => c.District).ToArray());
        parameters.Add("reach_claim_services", reach.ServiceClaims.Select(c => c.Service).ToArray());
        return parameters;
    }
}
