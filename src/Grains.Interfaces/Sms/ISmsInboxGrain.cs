using MhSupply.Faults;

namespace MhSupply.Sms;

/// <summary>
/// One inbound SMS, keyed by the SMS gateway's message id: one activation per message, so the same message delivered
/// twice at once is handled once and answered the same (see SmsInboxGrain).
/// </summary>
[Alias("mh.sms.ISmsInboxGrain")]
public interface ISmsInboxGrain : IGrainWithStringKey
{
    /// <summary>Records the message's counts (once, whatever the number of calls) and answers the reply to send back.</summary>
    [Alias("Receive"), RetrySafe]
    Task<SmsReply> Receive(InboundSms sms);
}

/// <summary>An admin-managed reporter phone (E.164), keyed by the number.</summary>
[Alias("mh.sms.ISmsReporterGrain")]
public interface ISmsReporterGrain : IGrainWithStringKey
{
    [Alias("Put"), RetrySafe]
    Task Put(SmsReporter reporter);

    /// <summary>Stops the phone reporting (kept, inactive); false when it was not registered.</summary>
    [Alias("Remove"), RetrySafe]
    Task<bool> Remove(string by);
}

[GenerateSerializer, Immutable, Alias("mh.sms.InboundSms")]
public sealed record InboundSms([property: Id(0)] string From, [property: Id(1)] string Text);

/// <summary>The answer to a message: <see cref="Outcome"/> saved, error or unknown_sender; the SMS text to send back.</summary>
[GenerateSerializer, Immutable, Alias("mh.sms.SmsReply")]
public sealed record SmsReply([property: Id(0)] string Outcome, [property: Id(1)] string Text, [property: Id(2)] string? Facility)
{
    public const string Saved = "saved";
    public const string Error = "error";
    public const string UnknownSender = "unknown_sender";
}

/// <param name="Language">The language its SMS replies are in: en, fr or ar (<see cref="Languages"/>).</param>
[GenerateSerializer, Immutable, Alias("mh.sms.SmsReporter")]
public sealed record SmsReporter(
    [property: Id(0)] string Facility,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string By,
    [property: Id(4)] string Language = "en")
{
    /// <summary>The languages a reply can be in (mh.sms_reporter's check): those of the web app.</summary>
    public static readonly string[] Languages = ["en", "fr", "ar"];
}
