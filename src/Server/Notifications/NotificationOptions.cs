namespace MhSupply.Notifications;

/// <summary>"Notifications" configuration: the SMTP server, the HTTP SMS gateway, and how deliveries are retried.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public SmtpSettings Smtp { get; set; } = new();

    public SmsSettings Sms { get; set; } = new();

    /// <summary>Deliveries claimed per round of the delivery job.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>After this many failed attempts a delivery is given up as dead (about two days with the default back-off).</summary>
    public int MaxAttempts { get; set; } = 30;

    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(2);

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public sealed class SmtpSettings
    {
        /// <summary>Empty: e-mail is not configured, and e-mail deliveries wait until it is.</summary>
        public string? Host { get; set; }

        public int Port { get; set; } = 25;

        public string From { get; set; } = "mhsupply@localhost";

        /// <summary>STARTTLS when the server offers it; "required" refuses a server without it.</summary>
        public string Tls { get; set; } = "when-available";

        public string? Username { get; set; }

        public string? Password { get; set; }
    }

    /// <summary>
    /// An HTTP SMS gateway taking one POST per message, JSON or form encoded: RapidPro-style
    /// <c>{"urns":["tel:+254..."],"text":"..."}</c> (Format json, ToField urns, ToPrefix tel:, ToAsList true, AuthHeader
    /// Authorization, AuthValue "Token ...") or Twilio-style form <c>To=+254...&amp;From=...&amp;Body=...</c> (Format form,
    /// ToField To, TextField Body, Fields:From, Username and Password for basic auth).
    /// </summary>
    public sealed class SmsSettings
    {
        /// <summary>Empty: SMS is not configured, and SMS deliveries wait (retried) until it is.</summary>
        public string? Url { get; set; }

        /// <summary>"json" or "form" (application/x-www-form-urlencoded).</summary>
        public string Format { get; set; } = "json";

        public string ToField { get; set; } = "to";

        public string TextField { get; set; } = "text";

        /// <summary>Written before the number, e.g. "tel:" for RapidPro's URNs.</summary>
        public string ToPrefix { get; set; } = "";

        /// <summary>JSON only: the recipient as a one-element array (RapidPro's "urns").</summary>
        public bool ToAsList { get; set; }

        /// <summary>Fixed fields sent with every message (a sender id, Twilio's From, a channel uuid).</summary>
        public Dictionary<string, string> Fields { get; set; } = [];

        /// <summary>A header sent with every message, e.g. Authorization with AuthValue "Token abc".</summary>
        public string? AuthHeader { get; set; }

        public string? AuthValue { get; set; }

        /// <summary>Basic authentication (Twilio: account SID and auth token), when set.</summary>
        public string? Username { get; set; }

        public string? Password { get; set; }
    }

    /// <summary>Exponential back-off: first retry after <see cref="FirstRetryAfter"/>, doubling, capped at <see cref="MaxRetryAfter"/>.</summary>
    public TimeSpan RetryAfter(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryAfter.Ticks * factor, MaxRetryAfter.Ticks));
        return delay;
    }
}
