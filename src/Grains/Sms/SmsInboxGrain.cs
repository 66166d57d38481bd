using System.Security.Cryptography;
using System.Text;
using MhSupply.Hosting;
using MhSupply.Messages;
using Microsoft.Extensions.DependencyInjection;
using MhSupply.Stock;
using Microsoft.Extensions.Options;

namespace MhSupply.Sms;

/// <summary>
/// A stock report by SMS, keyed by the gateway's message id. Idempotent on that id: the message is recorded with its
/// arrival time first, its counts go through the facility's stock grain as physical counts whose ids derive from the
/// message id and the medicine (a resent message, or a retry after a crash anywhere in here, makes the same events, which
/// the stock grain answers as duplicates: counted once), and the reply is stored and given again to a resent message.
/// Every reply is a message of <see cref="SmsMessages"/> worded in the reporter's language (<see cref="MessageCatalog"/>).
/// </summary>
[GrainType("sms-inbox")]
public sealed class SmsInboxGrain(SmsInboxStore store, MessageCatalog catalog, IOptions<StockOptions> stock, [FromKeyedServices(Clock.Key)] TimeProvider clock)
    : Grain, ISmsInboxGrain
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);

    public async Task<SmsReply> Receive(InboundSms sms)
    {
        var messageId = this.GetPrimaryKeyString();
        var message = await store.ClaimAsync(messageId, sms, clock.GetUtcNow());
        if (message.Reply is not null)
        {
            return new SmsReply(message.Outcome!, message.Reply, message.Facility);
        }
        var reply = await Answer(messageId, sms, message.ReceivedAt);
        await store.AnswerAsync(messageId, reply);
        return reply;
    }

    private async Task<SmsReply> Answer(string messageId, InboundSms sms, DateTimeOffset receivedAt)
    {
        var reporter = await store.FindReporterAsync(sms.From);
        if (reporter is null)
        {
            // Nobody says which language an unknown phone reads: the reply is in English.
            return new SmsReply(SmsReply.UnknownSender, catalog.Render(MessageCatalog.English, SmsMessages.Of("sms.not_registered")), null);
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(receivedAt, _zone).DateTime);
        var parsed = SohMessage.Parse(sms.Text, today);
        if (parsed.Error is not null)
        {
            return new SmsReply(SmsReply.Error, Words(reporter, parsed.Error), reporter.Facility);
        }
        var codes = (await store.CodesAsync()).ToDictionary(c => c.ShortCode);
        if (parsed.Lines.FirstOrDefault(l => !codes.ContainsKey(l.Code)) is { } unknown)
        {
            return new SmsReply(SmsReply.Error,
                Words(reporter, SmsMessages.Of("sms.unknown_code", ("code", unknown.Code), ("codes", string.Join(", ", codes.Keys)))), reporter.Facility);
        }
        var occurredAt = OccurredAt(parsed.Date, receivedAt);
        var events = parsed.Lines.Select(l => new StockEventInput(EventId(messageId, codes[l.Code].Medicine), codes[l.Code].Medicine,
            "physical_count", l.Count, occurredAt, null, null, null, null, $"SMS {messageId} from {sms.From}")).ToArray();
        var results = await GrainFactory.GetGrain<IFacilityStockGrain>(reporter.Facility)
            .Submit(new StockSubmission($"sms:{sms.From}", events));
        var refused = results.Zip(parsed.Lines).Where(r => r.First.Outcome == StockEventResult.Rejected).ToList();
        if (refused.Count > 0)
        {
            // A batch answers per event: the good lines are saved, the reply says which were not and why.
            var saved = results.Zip(parsed.Lines).Where(r => r.First.Outcome != StockEventResult.Rejected).Select(r => Label(codes[r.Second.Code], r.Second.Count)).ToList();
            var why = string.Join("; ", refused.Select(r => catalog.Render(reporter.Language, SmsMessages.Of("sms.refused_line",
                ("code", r.Second.Code), ("why", Why(reporter.Language, r.First.Error))))));
            var message = saved.Count > 0
                ? SmsMessages.Of("sms.not_saved_some_saved", ("facility", reporter.FacilityName), ("refused", why), ("counts", string.Join(", ", saved)))
                : SmsMessages.Of("sms.not_saved", ("facility", reporter.FacilityName), ("refused", why));
            return new SmsReply(SmsReply.Error, Words(reporter, message), reporter.Facility);
        }
        return new SmsReply(SmsReply.Saved, Words(reporter, SmsMessages.Of("sms.saved", ("facility", reporter.FacilityName),
            ("counts", string.Join(", ", parsed.Lines.Select(l => Label(codes[l.Code], l.Count)))))), reporter.Facility);
    }

    /// <summary>The reply in the reporter's language, fitted to one SMS.</summary>
    private string Words(SmsInboxStore.Reporter reporter, UserMessage message) => SmsText.Fit(catalog.Render(reporter.Language, message));

    /// <summary>Why the stock card refused a count, in the reporter's language (the stock message's code and parameters).</summary>
    private string Why(string language, StockEventError? error) => error switch
    {
        null => "",
        { MessageCode: { } code, Params: { } parameters } => catalog.Render(language, code, parameters.ToDictionary(p => p.Key, p => (object?)p.Value)),
        _ => error.Message,
    };

    private static string Label(SmsInboxStore.Code code, int count) => $"{code.Name} {code.Strength} {count}";

    /// <summary>
    /// When the counts happened: the arrival, or for a dated message the end of that local day, but never after the
    /// arrival (a count dated today is as of the message).
    /// </summary>
    private DateTimeOffset OccurredAt(DateOnly? date, DateTimeOffset receivedAt)
    {
        if (date is null)
        {
            return receivedAt;
        }
        var endOfDay = date.Value.ToDateTime(new TimeOnly(23, 59, 59));
        var atEnd = new DateTimeOffset(endOfDay, _zone.GetUtcOffset(endOfDay));
        return atEnd < receivedAt ? atEnd : receivedAt;
    }

    /// <summary>A stable event id per (message, medicine): the same message again makes the same events (UUID v8 layout over SHA-256).</summary>
    public static Guid EventId(string messageId, string medicine)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"sms:{messageId}:{medicine}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
