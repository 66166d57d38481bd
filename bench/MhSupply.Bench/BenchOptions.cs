using System.Globalization;

namespace MhSupply.Bench;

/// <summary>Command-line options (bench/README.md lists them); every one has a default except the two endpoints.</summary>
public sealed class BenchOptions
{
    public const int MinimumCards = 1000;

    /// <summary>The gateway's base URL, e.g. http://127.0.0.1:5080.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The PostgreSQL the system runs on (for the baseline and the checks).</summary>
    public string Postgres { get; private set; } = "";

    /// <summary>Timed events (the warm-up comes on top).</summary>
    public int Events { get; private set; } = 200_000;

    public int Clients { get; private set; } = 16;

    public int BatchSize { get; private set; } = 50;

    /// <summary>48 = 3 per client with the default 16 clients, so every client has the same work to the end.</summary>
    public int Facilities { get; private set; } = 48;

    public int Medicines { get; private set; } = 30;

    /// <summary>Batches sent before timing starts (spread over the clients), excluded from every figure.</summary>
    public int WarmupBatches { get; private set; } = 12000;

    public int Days { get; private set; } = 200;

    public int Seed { get; private set; } = 20251122;

    public int SampleCards { get; private set; } = 12;

    public bool SkipBaseline { get; private set; }

    /// <summary>Report pg_stat_statements for the gateway's timed phase (the module must be preloaded).</summary>
    public bool PgStatements { get; private set; }

    /// <summary>Exit 2 when the ratio is under the target (off by default: the figure is for people to read).</summary>
    public bool RequireTarget { get; private set; }

    /// <summary>Only check the options and exit (stock-ingest.sh does so before starting anything).</summary>
    public bool ValidateOnly { get; private set; }

    public double TargetPercent { get; private set; } = 50;

    /// <summary>name=pid pairs whose process trees' CPU time is reported for the timed phase.</summary>
    public List<(string Name, int Pid)> WatchedProcesses { get; } = [];

    public static string Usage => """
        MhSupply.Bench --url URL --pg CONNECTION [options]
          --events N          timed events to ingest (default 200000)
          --clients N         concurrent HTTP clients, each owning its own facilities (default 16)
          --batch N           events per POST (default 50)
          --facilities N      facilities to register (default 48)
          --medicines N       medicine codes per facility, from GET /api/v1/medicines (default 30)
          --warmup N          batches sent before timing starts (default 12000: 15-20 s, until the JIT has tiered up the hot paths)
          --days N            span of the generated history, ending now (default 200)
          --seed N            random seed of the generated streams (default 20251122)
          --samples N         cards whose SOH is checked in mh.stock_card (default 12)
          --skip-baseline     do not run the plain-insert baseline (it runs before and after the gateway phase)
          --pg-statements     print the heaviest SQL statements of the gateway's timed phase (pg_stat_statements)
          --target P          target ratio in percent (default 50)
          --require-target    exit 2 when the ratio is under the target
          --watch NAME=PID    report the CPU time of this process tree during the timed phase (repeatable)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int NextInt(int min) =>
                int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
                    ? v
                    : throw new ArgumentException($"{name} needs a whole number ≥ {min}");
            switch (name)
            {
                case "--url": o.Url = Next().TrimEnd('/'); break;
                case "--pg": o.Postgres = Next(); break;
                case "--events": o.Events = NextInt(1); break;
                case "--clients": o.Clients = NextInt(1); break;
                case "--batch": o.BatchSize = NextInt(1); break;
                case "--facilities": o.Facilities = NextInt(1); break;
                case "--medicines": o.Medicines = NextInt(1); break;
                case "--warmup": o.WarmupBatches = NextInt(0); break;
                case "--days": o.Days = NextInt(2); break;
                case "--seed": o.Seed = NextInt(0); break;
                case "--samples": o.SampleCards = NextInt(0); break;
                case "--skip-baseline": o.SkipBaseline = true; break;
                case "--pg-statements": o.PgStatements = true; break;
                case "--require-target": o.RequireTarget = true; break;
                case "--validate-only": o.ValidateOnly = true; break;
                case "--target":
                    o.TargetPercent = double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0
                        ? t
                        : throw new ArgumentException("--target needs a positive number");
                    break;
                case "--watch":
                    var pair = Next().Split('=', 2);
                    if (pair.Length != 2 || !int.TryParse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
                    {
                        throw new ArgumentException("--watch takes NAME=PID");
                    }
                    o.WatchedProcesses.Add((pair[0], pid));
                    break;
                case "-h" or "--help": throw new ArgumentException("");
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        if (o.Url.Length == 0 || o.Postgres.Length == 0)
        {
            throw new ArgumentException("--url and --pg are required");
        }
        if (o.BatchSize > 1000)
        {
            throw new ArgumentException("--batch is at most 1000 (the API's limit)");
        }
        if (o.Facilities < o.Clients)
        {
            throw new ArgumentException($"--facilities ({o.Facilities}) must be at least --clients ({o.Clients}): each client owns its own facilities");
        }
        return o;
    }
}
