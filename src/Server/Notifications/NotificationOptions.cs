namespace MhSupply.Notifications;

/// <summary>"Notifications" configuration: the SMTP server, and how deliveries are retried.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public SmtpSettings Smtp { get; set; } = new();

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

    /// <summary>Exponential back-off: first retry after <see cref="FirstRetryAfter"/>, doubling, capped at <see cref="MaxRetryAfter"/>.</summary>
    public TimeSpan RetryAfter(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryAfter.Ticks * factor, MaxRetryAfter.Ticks));
        return delay;
    }
}
