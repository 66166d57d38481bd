using System.Text;
using System.Text.Json.Nodes;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// Generates the malformed requests from the valid ones (<see cref="ApiTemplates"/>), by code and from one seed: every
/// JSON field mutated in turn (<see cref="ValueMutations"/>), every object given unknown fields, every body broken as a
/// whole (<see cref="BodyMutations"/>), every query parameter and route value given bad values (<see cref="TextMutations"/>),
/// every CSV cell and file broken (<see cref="CsvMutations"/>), and each endpoint called with broken credentials. Every
/// kind of mutation has a core sent everywhere; the seed draws the rest, so another seed covers other combinations in
/// the same time.
/// </summary>
internal static class Corpus
{
    /// <summary>How many of <see cref="ValueMutations.Extended"/> each field gets besides the core ones, drawn from the seed.</summary>
    private const int ExtendedPerField = 2;

    /// <summary>Besides the core ones: how many more query values, route values and whole-body breakages each gets.</summary>
    private const int ExtraQueryValues = 2;
    private const int ExtraRouteValues = 1;
    private const int ExtraBodies = 3;

    public static List<Probe> Generate(IReadOnlyList<Template> templates, int seed)
    {
        var rng = new Random(seed);
        var probes = new List<Probe>();
        foreach (var t in templates)
        {
            probes.Add(Valid(t, rng));
            if (t.Json is not null)
            {
                probes.AddRange(JsonFieldProbes(t, rng));
                var valid = Fresh(Render(t.Json, new RawBytes()), rng);
                probes.AddRange(Pick(BodyMutations.Of(valid).ToList(), BodyMutations.Core, ExtraBodies, rng)
                    .Select(m => Make(t, "body:" + m.Label, t.Path(), Fresh(m.Body, rng), m.ContentType)));
            }
            if (t.Csv is not null)
            {
                probes.AddRange(CsvMutations.Of(t.Csv, t.CsvRow!, rng).Select(m => Make(t, "csv:" + m.Label, t.Path(), Fresh(m.Body, rng), m.ContentType)));
            }
            foreach (var (name, _) in t.Query)
            {
                foreach (var (label, encoded) in Pick(TextMutations.Query, TextMutations.CoreQuery, ExtraQueryValues, rng))
                {
                    var query = t.Query.Select(q => q.Name == name ? (q.Name, (string?)encoded) : q).ToList();
                    probes.Add(Make(t, $"query:{name}={label}", t.Path(query: query), ValidBody(t, rng), ValidContentType(t)));
                }
                var repeated = t.Query.Append((name, "x")).Append((name, "%00")).ToList();
                probes.Add(Make(t, $"query:{name}=repeated", t.Path(query: repeated), ValidBody(t, rng), ValidContentType(t)));
            }
            foreach (var name in t.RouteValues.Keys)
            {
                foreach (var (label, encoded) in Pick(TextMutations.Route, TextMutations.CoreRoute, ExtraRouteValues, rng))
                {
                    probes.Add(Make(t, $"route:{name}={label}", t.Path(new Dictionary<string, string> { [name] = encoded }), ValidBody(t, rng),
                        ValidContentType(t)));
                }
            }
            var (authLabel, header) = BrokenCredentials[rng.Next(BrokenCredentials.Length)];
            probes.Add(Make(t, "auth:" + authLabel, t.Path(), ValidBody(t, rng), ValidContentType(t)) with { Client = "anon", Authorization = header });
        }
        return probes;
    }

    /// <summary>Authorization headers that must be a 401 (or ignored, where no token is needed), never a 5xx.</summary>
    private static readonly (string Label, string Header)[] BrokenCredentials =
    [
        ("not-a-jwt", "Bearer not.a.token"),
        ("alg-none", "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0."),
        ("huge-token", "Bearer " + new string('a', 16_000)),
        ("basic", "Basic YWRtaW46YWRtaW4="),
    ];

    /// <summary>The first <paramref name="core"/> items, and <paramref name="extra"/> of the others drawn from the seed.</summary>
    private static IEnumerable<T> Pick<T>(IReadOnlyList<T> all, int core, int extra, Random rng) =>
        all.Take(core).Concat(all.Skip(core).OrderBy(_ => rng.Next()).Take(extra)).ToList();

    private static Probe Valid(Template t, Random rng) => Make(t, "valid", t.Path(), ValidBody(t, rng), ValidContentType(t));

    private static IEnumerable<Probe> JsonFieldProbes(Template t, Random rng)
    {
        foreach (var path in Paths(t.Json!, []))
        {
            var field = Describe(path);
            var mutations = ValueMutations.Core
                .Concat(Pick(ValueMutations.Extended, 0, ExtendedPerField, rng))
                .Append(ValueMutations.Random(rng));
            foreach (var mutation in mutations)
            {
                var raws = new RawBytes();
                var body = t.Json!.DeepClone();
                Apply(body, path, mutation, raws);
                yield return Make(t, $"{field}={mutation.Label}", t.Path(), Fresh(Render(body, raws), rng), "application/json");
            }
        }
        foreach (var path in Objects(t.Json!))
        {
            foreach (var (label, name, value) in new (string, string, JsonNode?)[]
            {
                ("unknown-field", "unexpectedField", JsonValue.Create("\u0000")), ("proto", "__proto__", new JsonObject { ["admin"] = true }),
                ("empty-name", "", JsonValue.Create(1)),
            })
            {
                var body = t.Json!.DeepClone();
                (path.Count == 0 ? body : Find(body, path))!.AsObject()[name] = value;
                yield return Make(t, $"{Describe(path)}+{label}", t.Path(), Fresh(Render(body, new RawBytes()), rng), "application/json");
            }
        }
    }

    /// <summary>Every value's path (objects' properties, arrays' first item), containers included, root excluded.</summary>
    private static IEnumerable<List<object>> Paths(JsonNode node, List<object> prefix)
    {
        IEnumerable<(object Key, JsonNode? Child)> children = node switch
        {
            JsonObject o => o.Select(p => ((object)p.Key, p.Value)),
            JsonArray { Count: > 0 } a => [(0, a[0])],
            _ => [],
        };
        foreach (var (key, child) in children)
        {
            var path = new List<object>(prefix) { key };
            yield return path;
            if (child is not null)
            {
                foreach (var inner in Paths(child, path))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The paths of every object in the body, the root's (empty) included.</summary>
    private static IEnumerable<List<object>> Objects(JsonNode root) =>
        Paths(root, []).Prepend([]).Where(p => (p.Count == 0 ? root : Find(root, p)) is JsonObject);

    private static JsonNode? Find(JsonNode root, List<object> path)
    {
        JsonNode? node = root;
        foreach (var key in path)
        {
            node = key is int i ? node?.AsArray()[i] : node?.AsObject()[(string)key];
        }
        return node;
    }

    private static void Apply(JsonNode root, List<object> path, Mutation mutation, RawBytes raws)
    {
        var parent = path.Count == 1 ? root : Find(root, path[..^1])!;
        var key = path[^1];
        var original = key is int i ? parent.AsArray()[i] : parent.AsObject()[(string)key];
        if (mutation.Make is null)
        {
            if (key is int index)
            {
                parent.AsArray().RemoveAt(index);
            }
            else
            {
                parent.AsObject().Remove((string)key);
            }
            return;
        }
        var value = mutation.Make(original, raws);
        if (key is int at)
        {
            parent.AsArray()[at] = value;
        }
        else
        {
            parent.AsObject()[(string)key] = value;
        }
    }

    private static string Describe(List<object> path) =>
        path.Count == 0 ? "root" : string.Concat(path.Select((k, i) => k is int n ? $"[{n}]" : i == 0 ? (string)k : "." + k));

    private static byte[] Render(JsonNode node, RawBytes raws) => raws.Render(node.ToJsonString());

    private static byte[]? ValidBody(Template t, Random rng) =>
        t.Json is not null ? Fresh(Render(t.Json, new RawBytes()), rng)
        : t.Csv is not null ? Fresh(t.Csv.Render(new RawBytes()), rng)
        : null;

    private static string? ValidContentType(Template t) => t.Json is not null ? "application/json" : t.Csv is not null ? "text/csv" : null;

    /// <summary>Every "@uuid" in the body becomes a UUID drawn from the seed: each probe is a new event or referral.</summary>
    private static byte[] Fresh(byte[] body, Random rng)
    {
        var marker = "@uuid"u8;
        if (body.AsSpan().IndexOf(marker) < 0)
        {
            return body;
        }
        var output = new List<byte>(body.Length + 64);
        var rest = body.AsSpan();
        int at;
        while ((at = rest.IndexOf(marker)) >= 0)
        {
            output.AddRange(rest[..at]);
            var bytes = new byte[16];
            rng.NextBytes(bytes);
            output.AddRange(Encoding.ASCII.GetBytes(new Guid(bytes).ToString()));
            rest = rest[(at + marker.Length)..];
        }
        output.AddRange(rest);
        return output.ToArray();
    }

    private static Probe Make(Template t, string mutation, string path, byte[]? body, string? contentType) =>
        new(t.Name, mutation, t.Client, t.Method, path, body, contentType, t.ChangesSubject) { TemplatePath = t.Path() };
}
