using System.Text.RegularExpressions;

namespace MhSupply.Tests.Alerts;

/// <summary>
/// The alert tables have one writer (AlertWriter), and alerts do not reach into the stock write side: read from the
/// sources, so a new statement elsewhere fails here rather than drifting from the others.
/// </summary>
public sealed partial class AlertWriterOwnershipTests
{

    [Fact]
    public void Only_the_alert_writer_inserts_updates_or_deletes_alerts_their_changes_and_due_items()
    {
        var writers = SourceFiles("src")
            .Where(f => AlertTableWrite().IsMatch(File.ReadAllText(f)))
            .Select(Relative)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(writers);
        Assert.All(writers, f => Assert.Matches(@"^src/Grains/Alerts/AlertWriter(\.\w+)?\.cs$", f));
    }

    [Fact]
    public void Alert_code_of_the_write_side_names_no_type_of_the_stock_write_side()
    {
        var stockTypes = SourceFiles("src/Grains/Stock")
            .SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(stockTypes);

        var uses = SourceFiles("src/Grains/Alerts")
            .SelectMany(f => Identifier().Matches(File.ReadAllText(f)).Select(m => (File: Relative(f), Name: m.Value)))
            .Where(u => stockTypes.Contains(u.Name))
            .Distinct()
            .ToList();

        Assert.Empty(uses);
    }

    private static readonly string Root = FindRoot();

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MhSupply.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("MhSupply.sln not found above the test binaries");
    }

    [GeneratedRegex(@"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+mh\.(alert|alert_change|due_item)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AlertTableWrite();

    [GeneratedRegex(@"\b(class|record|struct|enum|interface)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();
}
