namespace MhSupply.Referrals;

// The domain's decisions cross the wire as they are: the domain carries no Orleans attributes, so these surrogates
// stand in for its records (Orleans "surrogates for serializing foreign types").

[GenerateSerializer, Immutable, Alias("mh.referrals.ReferralAccess")]
public readonly record struct ReferralAccessSurrogate(
    [property: Id(0)] int Parts,
    [property: Id(1)] int Withheld,
    [property: Id(2)] bool Exceptional,
    [property: Id(3)] string[] Capacities,
    [property: Id(4)] string? ActingFacility);

[RegisterConverter]
public sealed class ReferralAccessConverter : IConverter<ReferralAccess, ReferralAccessSurrogate>
{
    public ReferralAccess ConvertFromSurrogate(in ReferralAccessSurrogate s) =>
        new((ReferralParts)s.Parts, (ReferralParts)s.Withheld, s.Exceptional, [.. s.Capacities.Select(Enum.Parse<ReferralRole>)], s.ActingFacility);

    public ReferralAccessSurrogate ConvertToSurrogate(in ReferralAccess a) =>
        new((int)a.Parts, (int)a.Withheld, a.Exceptional, [.. a.Capacities.Select(c => c.ToString())], a.ActingFacility);
}

[GenerateSerializer, Immutable, Alias("mh.referrals.ReferralDeadline")]
public readonly record struct ReferralDeadlineSurrogate(
    [property: Id(0)] string AlertKind,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] string Reason);

[RegisterConverter]
public sealed class ReferralDeadlineConverter : IConverter<ReferralDeadline, ReferralDeadlineSurrogate>
{
    public ReferralDeadline ConvertFromSurrogate(in ReferralDeadlineSurrogate s) => new(s.AlertKind, s.DueAt, s.Reason);

    public ReferralDeadlineSurrogate ConvertToSurrogate(in ReferralDeadline d) => new(d.AlertKind, d.DueAt, d.Reason);
}
