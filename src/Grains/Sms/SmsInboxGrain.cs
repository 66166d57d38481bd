using System.Security.Cryptography;
using System.Text;
using MhSupply.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MhSupply.Stock;
using Microsoft.Extensions.Options;

namespace MhSupply.Sms;

/// <summary>
/// A stock report by SMS, keyed by the gateway's message id. Idempotent on that id: the message is recorded with its
/// arrival time first, its counts go through the facility's stock grain as physical counts whose ids derive from the
/// message id and the medicine (a resent message, or a retry after a crash anywhere in here, makes the same events, which
/// the stock grain answers as duplicates: counted once), and the reply is stored and given again to a resent message.
/// </summary>
[GrainType("sms-inbox")]
public sealed class SmsInboxGrain(SmsInboxStore store, IOptions<StockOptions> stock, [FromKeyedServices(Clock.Key)] TimeProvider clock)
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
            return new SmsReply(SmsReply.UnknownSender, SmsReplies.NotRegistered, null);
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(receivedAt, _zone).DateTime);
        var parsed = SohMessage.Parse(sms.Text, today);
        if (parsed.Error is not null)
        {
            return new SmsReply(SmsReply.Error, SmsText.Fit(parsed.Error), reporter.Facility);
        }
        var codes = (await store.CodesAsync()).ToDictionary(c => c.ShortCode);
        if (parsed.Lines.FirstOrDefault(l => !codes.ContainsKey(l.Code)) is { } unknown)
        {
            return new SmsReply(SmsReply.Error, SmsReplies.UnknownCode(unknown.Code, codes.Keys), reporter.Facility);
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
            var saved = results.Zip(parsed.Lines).Where(r => r.First.Outcome != StockEventResult.Rejected).Select(r => Label(codes[r.Second.Code], r.Second.Count));
            var why = string.Join("; ", refused.Select(r => $"{r.Second.Code}: {r.First.Error?.Message}"));
            return new SmsReply(SmsReply.Error, SmsText.Fit($"{reporter.FacilityName}: not saved {why}."
                + (saved.Any() ? $" Saved: {string.Join(", ", saved)}" : "")), reporter.Facility);
        }
        return new SmsReply(SmsReply.Saved, SmsText.Fit($"{reporter.FacilityName}: counts saved - "
            + string.Join(", ", parsed.Lines.Select(l => Label(codes[l.Code], l.Count)))), reporter.Facility);
    }

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
