using System.Globalization;
using MhSupply.Messages;

namespace MhSupply.Stock;

/// <summary>A message of the stock catalogue (<see cref="StockMessages"/>): the shared <see cref="UserMessage"/> shape.</summary>
public sealed record StockMessage(string Code, string Text, IReadOnlyDictionary<string, object> Params) : UserMessage(Code, Text, Params)
{
    public override string ToString() => Text;
}

/// <summary>
/// Every stock message template, keyed by code, in one place: rejections of the card, the checks of an event's fields
/// and of a CSV file. Written for the person at the counter: what is wrong, with the number or date involved, and what to
/// do. The same codes and {param} names are in the web app's i18n files as <c>error.{code}</c> (en, fr, ar).
/// </summary>
public static class StockMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The card refuses an event (StockRejection).
        ["negative_balance"] = "Only {onHand} on hand on {day}: this {type} of {asked} would leave {balance}. Check the quantity, or record first the receipt that brought the stock.",
        ["negative_lot_balance"] = "Lot {lot} holds only {inLot} on {day}: this {type} of {asked} would leave {balance} in it. Check the lot number and the quantity.",
        ["balance_overflow"] = "This {type} of {asked} on {day} would bring stock on hand to {balance}, more than a stock card can hold. Check the quantity.",
        ["only_expired_stock"] = "Only {usable} usable on {day}: {expired} more are in expired lot {lot} (expired {expiry}). Name the lot to write it off, or record a loss adjustment.",
        ["breaks_later_line"] = "This {type} of {asked} on {day} would leave too little for the {lineType} of {lineQuantity} on {lineDay}: the balance would fall to {balance} on that day. Check the date and quantity, or record the missing receipt.",
        ["breaks_later_lot"] = "This {type} of {asked} on {day} would leave too little in lot {lot} for the {lineType} of {lineQuantity} on {lineDay}: the lot would fall to {balance}. Check the date, the lot and the quantity.",
        ["breaks_later_expired"] = "This {type} of {asked} on {day} would leave only expired stock for the {lineType} of {lineQuantity} on {lineDay} ({expired} in lot {lot}, expired {expiry}). Check the date and quantity.",
        ["breaks_later_overflow"] = "This {type} of {asked} on {day} would bring stock on hand to {balance} at the {lineType} of {lineQuantity} on {lineDay}, more than a stock card can hold. Check the quantity.",

        // The event's own content (StockEvent.ContentErrors / Validate), answered as code "invalid" with the field.
        ["id_required"] = "This line has no id. Leave the id column out of a CSV file and the server gives each line one.",
        ["id_invalid"] = "\"{value}\" is not a valid id. Leave the id empty and the server gives the line one.",
        ["medicine_required"] = "Say which medicine: its name or code as on the medicines list.",
        ["type_invalid"] = "\"{value}\" is not a kind of stock line. Use one of: {allowed}.",
        ["type_required"] = "Say what happened: one of {allowed}.",
        ["quantity_positive"] = "The quantity must be a whole number above 0 (it was {value}).",
        ["count_not_negative"] = "A count must be 0 or more (it was {value}).",
        ["quantity_required"] = "Give the quantity as a whole number, for example 30.",
        ["quantity_not_number"] = "\"{value}\" is not a whole number. Give the quantity in units, for example 30.",
        ["medicine_ambiguous"] = "\"{medicine}\" matches several medicines: {matches}. Use the full name with strength and form, or the code.",
        ["quantity_quoted"] = "Give the quantity as a number without quotes (30, not \"30\").",
        ["reason_required"] = "An adjustment needs a reason: one of {allowed}.",
        ["reason_invalid"] = "\"{value}\" is not an adjustment reason. Use one of: {allowed}.",
        ["other_facility_required"] = "A transfer needs the other facility: where the stock came from or went to.",
        ["expiry_without_lot"] = "The expiry {expiry} belongs to a lot: give the lot number too, or leave the expiry empty.",
        ["expiry_invalid"] = "\"{value}\" is not a date. Write the expiry as 31/12/2027 or 2027-12-31.",
        ["expiry_out_of_range"] = "The expiry {expiry} is outside {from} to {to}. Check the year.",
        ["occurred_required"] = "Give the date it happened, for example 31/12/2026 or 2026-12-31.",
        ["occurred_invalid"] = "\"{value}\" is not a date. Write it as 31/12/2026, 2026-12-31, or 2026-12-31T09:30+03:00 with the time.",
        ["occurred_too_early"] = "The date {day} is before {earliest}, the first day this service records. Check the year.",
        ["occurred_in_future"] = "The date {day} is in the future: today is {today}. Check the date.",
        ["occurred_later_today"] = "The time {time} on {day} has not come yet: it is {now} now. Check the time.",
        ["medicine_other_card"] = "This line names {medicine}, but it was sent to the card of {cardMedicine}.",
        ["text_too_long"] = "The {field} is longer than {max} characters. Shorten it.",
        ["text_unreadable"] = "The {field} holds characters that cannot be read. Type it again.",
        ["wrong_type"] = "The {field} has the wrong kind of value. Give it as text or a number.",

        // The batch as a whole.
        ["unknown_medicine"] = "\"{medicine}\" is not on the medicines list. Use a name or code from the list.",
        ["conflict"] = "A line with this id was already recorded with different content. If this is a new line, give it a new id.",
        ["not_decided"] = "This line was not recorded. Send it again.",
        ["sheet_refused"] = "The count sheet was not recorded: {refused} of its {lines} lines were refused. Correct them and send the whole sheet again.",
        ["sheet_shape"] = "The count sheet could not be read: send { \"id\", \"countedAt\", \"lines\": [ { \"medicine\", \"quantity\" } ] }.",
        ["sheet_id_invalid"] = "The count sheet needs an id (a UUID the phone makes once per sheet), so that sending it twice records it once.",
        ["sheet_counted_at_invalid"] = "The count sheet needs the date and time of the count, like 2026-11-30T17:00:00Z.",
        ["sheet_lines"] = "A count sheet holds 1 to {max} lines.",
        ["sheet_line_twice"] = "{medicine} is counted twice on this sheet (also on line {line}). Count each medicine and lot once.",
        ["sheet_rejected"] = "This count was not recorded: a count sheet is recorded whole, and {refused} of its lines were refused. Correct them and send the sheet again.",
        ["redistribution_district"] = "Choose the district whose facilities could share stock.",
        ["body_not_json"] = "The report could not be read: it is not valid JSON.",
        ["body_shape"] = "The report could not be read: send { \"events\": [ ... ] }.",
        ["batch_size"] = "A report holds 1 to {max} lines; this one has {count}. Split it into smaller files.",
        ["csv_not_utf8"] = "The file is not UTF-8 text. In your spreadsheet, save it as \"CSV UTF-8\".",
        ["csv_header_unreadable"] = "The first row of the file (the column names) holds characters that cannot be read.",
        ["filter_date_invalid"] = "\"{value}\" is not a date. Write it as 2026-12-31.",
        ["filter_date_out_of_range"] = "The date {day} is outside {from} to {to}. Check the year.",
        ["as_of_future"] = "Stock can be shown up to today ({today}), not for {day}.",
        ["csv_header_missing"] = "The first row of the file must name the columns; it lacks: {missing}. Download the template to see them.",
    };

    /// <summary>The message of <paramref name="code"/> with its parameters (name, value); DateOnly values read as "1 Dec 2026".</summary>
    public static StockMessage Of(string code, params (string Name, object? Value)[] args)
    {
        // An event type is sent by its wire name and read as words ("transfer out").
        var shown = args.Select(a => a.Value is StockEventType t ? (a.Name, (object?)new Shown(t.ToWireName(), Words(t))) : a).ToArray();
        var message = MessageTemplates.Build(Templates, code, shown);
        return new StockMessage(message.Code, message.Text, message.Params);
    }

    /// <summary>A day as the English messages write it: 1 Dec 2026.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>An event type in the words of the messages: "transfer out", "physical count".</summary>
    public static string Words(StockEventType type) => type.ToWireName().Replace('_', ' ');
}
