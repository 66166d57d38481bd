using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace MhSupply.Bench;

/// <summary>One generated stock event, as sent (docs/api.md "Stock") and as inserted by the baseline.</summary>
public sealed record GeneratedEvent(
    Guid Id,
    string Medicine,
    string Type,
    int Quantity,
    DateTimeOffset OccurredAt,
    string? Reason = null,
    string? Lot = null,
    DateOnly? Expiry = null);

/// <summary>One POST: events of one facility, already serialised so that timing measures the system, not the client.</summary>
public sealed class Batch(string facility, GeneratedEvent[] events)
{
    public string Facility { get; } = facility;

    public GeneratedEvent[] Events { get; } = events;

    public byte[] Body { get; } = Serialize(events);

    private static byte[] Serialize(GeneratedEvent[] events)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Length * 220);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteString("id", e.Id);
                json.WriteString("medicine", e.Medicine);
                json.WriteString("type", e.Type);
                json.WriteNumber("quantity", e.Quantity);
                json.WriteString("occurredAt", e.OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                if (e.Reason is not null)
                {
                    json.WriteString("reason", e.Reason);
                }
                if (e.Lot is not null)
                {
                    json.WriteString("lot", e.Lot);
                }
                if (e.Expiry is { } expiry)
                {
                    json.WriteString("expiry", expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>A card's generated history: what its stock on hand must be once every event is accepted.</summary>
public sealed record GeneratedCard(string Facility, string Medicine, int Events, int FinalBalance);

/// <summary>What one client sends, in order: its warm-up batches, then its timed batches.</summary>
public sealed record ClientPlan(int Client, IReadOnlyList<string> Facilities, IReadOnlyList<Batch> Warmup, IReadOnlyList<Batch> Timed);

public sealed record Workload(IReadOnlyList<ClientPlan> Clients, IReadOnlyList<GeneratedCard> Cards)
{
    public int WarmupEvents => Clients.Sum(c => c.Warmup.Sum(b => b.Events.Length));

    public int TimedEvents => Clients.Sum(c => c.Timed.Sum(b => b.Events.Length));

    public int TimedBatches => Clients.Sum(c => c.Timed.Count);

    public int TotalEvents => WarmupEvents + TimedEvents;

    /// <summary>
    /// Splits the work so every client owns its own facilities (facility i belongs to client i mod clients) and sends
    /// the same number of batches; each facility's history is the merge of its cards' streams in occurredAt order,
    /// cut into batches, so a card's events arrive in order. A client sends its facilities' batches round robin.
    /// </summary>
    public static Workload Generate(BenchOptions options, IReadOnlyList<string> facilities, IReadOnlyList<string> medicines, DateTimeOffset now)
    {
        var random = new Random(options.Seed);
        var batch = options.BatchSize;
        var timedPerClient = (options.Events + batch * options.Clients - 1) / (batch * options.Clients);
        var warmupPerClient = (options.WarmupBatches + options.Clients - 1) / options.Clients;
        var perClient = timedPerClient + warmupPerClient;
        // Never in the future: the newest event is an hour old. Whole seconds: PostgreSQL keeps microseconds, we keep it simple.
        var windowEnd = new DateTimeOffset(now.UtcDateTime.AddHours(-1).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var windowStart = windowEnd.AddDays(-options.Days);

        var plans = new List<ClientPlan>();
        var cards = new List<GeneratedCard>();
        for (var client = 0; client < options.Clients; client++)
        {
            var owned = Enumerable.Range(0, facilities.Count).Where(i => i % options.Clients == client).Select(i => facilities[i]).ToList();
            var perFacility = new List<List<Batch>>();
            for (var j = 0; j < owned.Count; j++)
            {
                var batches = perClient / owned.Count + (j < perClient % owned.Count ? 1 : 0);
                perFacility.Add(FacilityHistory(owned[j], medicines, batches * batch, batch, windowStart, windowEnd, random, cards));
            }
            var order = new List<Batch>(perClient);
            for (var round = 0; order.Count < perClient; round++)
            {
                foreach (var list in perFacility.Where(l => round < l.Count))
                {
                    order.Add(list[round]);
                }
            }
            plans.Add(new ClientPlan(client, owned, order.Take(warmupPerClient).ToList(), order.Skip(warmupPerClient).ToList()));
        }
        return new Workload(plans, cards);
    }

    private static List<Batch> FacilityHistory(string facility, IReadOnlyList<string> medicines, int events, int batchSize,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, Random random, List<GeneratedCard> cards)
    {
        var all = new List<GeneratedEvent>(events);
        for (var m = 0; m < medicines.Count; m++)
        {
            var count = events / medicines.Count + (m < events % medicines.Count ? 1 : 0);
            if (count == 0)
            {
                continue;
            }
            var stream = CardStream(medicines[m], count, windowStart, windowEnd, random, out var balance);
            all.AddRange(stream);
            cards.Add(new GeneratedCard(facility, medicines[m], count, balance));
        }
        // Stable sort: the facility's events by when they happened; a card's own events are strictly increasing.
        var ordered = all.OrderBy(e => e.OccurredAt).ToList();
        return ordered.Chunk(batchSize).Select(chunk => new Batch(facility, chunk)).ToList();
    }

    /// <summary>
    /// A PHC card: an opening receipt of three months' stock, then dispensing (issues) in proportion to the days since
    /// the last line, a monthly resupply (receipt of a new lot back up to three months), now and then a physical count
    /// finding a unit or two missing, or a damaged/lost write-off. No line ever takes more than is on hand.
    /// </summary>
    private static List<GeneratedEvent> CardStream(string medicine, int count, DateTimeOffset windowStart, DateTimeOffset windowEnd,
        Random random, out int balance)
    {
        var dailyUse = 2 + Math.Pow(random.NextDouble(), 2) * 78;
        var max = Math.Max(1, (int)Math.Round(dailyUse * 90));
        var start = windowStart.AddSeconds(random.Next(0, 12 * 3600));
        var gap = (windowEnd - start).TotalSeconds / count;
        if (gap < 10)
        {
            throw new ArgumentException($"{count} events per card do not fit in the window; raise --days or --facilities");
        }
        var events = new List<GeneratedEvent>(count);
        var lotNumber = 0;
        balance = 0;
        DateTimeOffset lastReceipt = default;
        DateTimeOffset last = default;
        for (var i = 0; i < count; i++)
        {
            var at = i == 0 ? start : start.AddSeconds(Math.Floor(i * gap + random.NextDouble() * 0.8 * gap));
            GeneratedEvent e;
            var roll = random.NextDouble();
            if (i == 0 || balance == 0 || (at - lastReceipt).TotalDays >= 30 || balance < dailyUse * 10)
            {
                var quantity = i == 0 ? max : Math.Max(1, max - balance + random.Next(0, Math.Max(1, max / 10)));
                lotNumber++;
                e = new GeneratedEvent(Guid.NewGuid(), medicine, "receipt", quantity, at,
                    Lot: $"L{at:yyMM}-{lotNumber:D3}", Expiry: DateOnly.FromDateTime(at.UtcDateTime).AddDays(540 + random.Next(0, 360)));
                balance += quantity;
                lastReceipt = at;
            }
            else if (roll < 0.03)
            {
                var quantity = Math.Max(0, balance - random.Next(0, 3));
                e = new GeneratedEvent(Guid.NewGuid(), medicine, "physical_count", quantity, at);
                balance = quantity;
            }
            else if (roll < 0.04)
            {
                var quantity = 1 + random.Next(0, Math.Min(10, balance));
                e = new GeneratedEvent(Guid.NewGuid(), medicine, "adjustment", quantity, at, Reason: roll < 0.035 ? "damaged" : "lost");
                balance -= quantity;
            }
            else
            {
                var days = (at - last).TotalDays;
                var wanted = (int)Math.Round(dailyUse * days * (0.5 + random.NextDouble()));
                var quantity = Math.Clamp(wanted, 1, balance);
                e = new GeneratedEvent(Guid.NewGuid(), medicine, "issue", quantity, at);
                balance -= quantity;
            }
            events.Add(e);
            last = at;
        }
        return events;
    }
}
