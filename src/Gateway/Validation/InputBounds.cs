using MhSupply.Messages;
using System.Globalization;
using MhSupply.Gateway.Errors;
using MhSupply.Hosting;
using MhSupply.Stock;
using MhSupply.Validation;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// The ranges of the dates clients send (<see cref="InputBoundsOptions"/>), as checks that add "{field} must be between
/// A and B" to a request's errors. "Now" is the application's clock, so tests move it instead of waiting.
/// </summary>
public sealed class InputBounds(IOptions<InputBoundsOptions> options, [FromKeyedServices(Clock.Key)] TimeProvider clock)
{
    /// <summary>Phones' and tablets' clocks drift: "now" on the ground may be this far ahead of the server's (as for stock events).</summary>
    public static readonly TimeSpan ClockSkew = StockEvent.AllowedClockSkew;

    private InputBoundsOptions O => options.Value;

    public DateOnly Earliest => O.Earliest;

    /// <summary>The last day a read filter may name (Validation:FilterLatest).</summary>
    public DateOnly FilterLatest => O.FilterLatest;

    /// <summary>The first and last expiry date a lot may carry, as of today.</summary>
    public (DateOnly From, DateOnly To) ExpiryRange() =>
        (O.Earliest, new DateOnly(Math.Min(9000, clock.GetUtcNow().Year + O.ExpiryHorizonYears), 12, 31));

    /// <summary>When something happened on the ground (a referral step's <c>at</c>): not before Earliest, not in the future.</summary>
    public void Happened(DateTimeOffset? value, string field, ValidationErrors errors)
    {
        if (value is { } at && (at < Start(O.Earliest) || at > clock.GetUtcNow() + ClockSkew))
        {
            errors.Add(field, RequestMessages.Of("request.happened_out_of_range", ("field", field), ("from", O.Earliest)));
        }
    }

    /// <summary>An appointment: any time since Earliest (entered late), up to the appointment horizon ahead.</summary>
    public void Appointment(DateTimeOffset? value, string field, ValidationErrors errors)
    {
        var latest = clock.GetUtcNow().AddDays(O.AppointmentHorizonDays);
        if (value is { } at && (at < Start(O.Earliest) || at > latest))
        {
            errors.Add(field, RequestMessages.Of("request.appointment_out_of_range", ("field", field), ("from", O.Earliest),
                ("to", DateOnly.FromDateTime(latest.UtcDateTime)), ("days", O.AppointmentHorizonDays)));
        }
    }

    /// <summary>A day the patient promised to come: within the appointment horizon (the past is the domain's refusal).</summary>
    public void PromisedDay(DateOnly? value, string field, ValidationErrors errors)
    {
        var latest = DateOnly.FromDateTime(clock.GetUtcNow().AddDays(O.AppointmentHorizonDays).UtcDateTime);
        if (value is { } day && (day < O.Earliest || day > latest))
        {
            errors.Add(field, RequestMessages.Of("request.appointment_out_of_range", ("field", field), ("from", O.Earliest), ("to", latest), ("days", O.AppointmentHorizonDays)));
        }
    }

    /// <summary>A day a read filter names (asOf, from, to).</summary>
    public bool FilterDay(DateOnly day, string field, ValidationErrors errors)
    {
        if (day >= O.Earliest && day <= O.FilterLatest)
        {
            return true;
        }
        errors.Add(field, RequestMessages.Of("request.day_out_of_range", ("field", field), ("from", O.Earliest), ("to", O.FilterLatest)));
        return false;
    }

    /// <summary>An instant a read filter names, within the same days as <see cref="FilterDay"/>.</summary>
    public bool FilterInstant(DateTimeOffset at, string field, ValidationErrors errors)
    {
        if (at >= Start(O.Earliest) && at < Start(O.FilterLatest).AddDays(1))
        {
            return true;
        }
        errors.Add(field, RequestMessages.Of("request.day_out_of_range", ("field", field), ("from", O.Earliest), ("to", O.FilterLatest)));
        return false;
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
