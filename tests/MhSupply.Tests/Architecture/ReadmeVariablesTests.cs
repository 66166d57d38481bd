using System.Text.RegularExpressions;

namespace MhSupply.Tests.Architecture;

/// <summary>
/// README's table of <c>MHSUPPLY_*</c> variables is whole: every such variable a script, the compose file, a benchmark or
/// the code reads has a row, so a newcomer never meets one that is not explained.
/// </summary>
public sealed partial class ReadmeVariablesTests
{
    [Fact]
    public void Every_MHSUPPLY_variable_in_the_repository_has_a_row_in_the_README_table()
    {
        var root = FindRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var documented = TableRow().Matches(readme).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var used = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles(root))
        {
            foreach (Match m in Variable().Matches(File.ReadAllText(file)))
            {
                used.TryAdd(m.Value, Path.GetRelativePath(root, file));
            }
        }

        Assert.NotEmpty(used);
        var missing = used.Where(u => !documented.Contains(u.Key)).Select(u => $"{u.Key} (in {u.Value})").ToList();
        Assert.True(missing.Count == 0, "README's MHSUPPLY_* table lacks: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> SourceFiles(string root)
    {
        string[] folders = ["src", "scripts", "bench", "docker", "tests", ".ci"];
        string[] extensions = [".cs", ".sh", ".yaml", ".yml", ".json", ".js", ""];
        var top = new[] { "run.sh", "test.sh" }.Select(f => Path.Combine(root, f));
        var nested = folders.Select(f => Path.Combine(root, f)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && extensions.Contains(Path.GetExtension(f)));
        return top.Where(File.Exists).Concat(nested);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MhSupply.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("MhSupply.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bMHSUPPLY_[A-Z0-9_]*[A-Z0-9]\b")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\| `(MHSUPPLY_[A-Z0-9_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
