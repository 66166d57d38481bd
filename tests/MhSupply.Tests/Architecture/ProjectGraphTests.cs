using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MhSupply.Tests.Architecture;

/// <summary>
/// The project graph README draws, enforced: each project references only what the picture allows, both in its .csproj
/// and in the compiled assembly (a reference that arrives transitively and gets used shows up there), and the HTTP side
/// writes no table but the read audit.
/// </summary>
public sealed class ProjectGraphTests
{
    /// <summary>Allowed direct project references; README's "Projects" section draws the same table.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["MhSupply.Domain"] = [],
        ["MhSupply.Grains.Interfaces"] = ["MhSupply.Domain"],
        ["MhSupply.ReadModel"] = ["MhSupply.Grains.Interfaces", "MhSupply.Domain"],
        ["MhSupply.Grains"] = ["MhSupply.Grains.Interfaces", "MhSupply.ReadModel", "MhSupply.Domain"],
        ["MhSupply.Server"] = ["MhSupply.Grains"],
        ["MhSupply.Silo"] = ["MhSupply.Server"],
        ["MhSupply.Gateway"] = ["MhSupply.Grains.Interfaces", "MhSupply.ReadModel"],
    };

    /// <summary>What each compiled assembly may load of ours: its references and what they allow, transitively.</summary>
    private static IReadOnlySet<string> Reachable(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Allowed[project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var further in Allowed[next])
                {
                    pending.Push(further);
                }
            }
        }
        return seen;
    }

    public static TheoryData<string> Projects() => new(Allowed.Keys);

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_references_only_the_projects_the_picture_allows(string project)
    {
        var references = ProjectReferencesOf(project);

        var forbidden = references.Except(Allowed[project]).ToList();
        Assert.True(forbidden.Count == 0, $"{project} references {string.Join(", ", forbidden)}; README allows {string.Join(", ", Allowed[project])}");
    }

    [Fact]
    public void Every_source_project_is_in_the_picture()
    {
        var projects = Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.Empty(projects.Except(Allowed.Keys));
    }

    [Theory]
    [InlineData("MhSupply.Gateway", typeof(MhSupply.Gateway.Hosting.GatewayServiceExtensions))]
    [InlineData("MhSupply.ReadModel", typeof(MhSupply.Reference.FacilityDirectory))]
    [InlineData("MhSupply.Grains.Interfaces", typeof(MhSupply.Referrals.IReferralGrain))]
    [InlineData("MhSupply.Domain", typeof(MhSupply.Referrals.ReferralAccessPolicy))]
    [InlineData("MhSupply.Grains", typeof(MhSupply.Referrals.ReferralGrain))]
    [InlineData("MhSupply.Server", typeof(MhSupply.Hosting.InProcessSilo))]
    public void The_compiled_assembly_loads_none_of_ours_outside_its_reach(string project, Type typeOfIt)
    {
        var assembly = typeOfIt.Assembly;
        Assert.Equal(project, assembly.GetName().Name);

        var ours = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("MhSupply.", StringComparison.Ordinal));

        Assert.Empty(ours.Except(Reachable(project)));
    }

    [Fact]
    public void The_domain_uses_no_package()
    {
        var references = typeof(MhSupply.Referrals.ReferralAccessPolicy).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        var packages = references.Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib").ToList();

        Assert.True(packages.Count == 0, "the domain references " + string.Join(", ", packages));
    }

    [Fact]
    public void The_gateway_and_the_read_side_write_no_table_but_the_read_audit()
    {
        // A reader leaves its trace in the referral audit; every other write goes through a grain.
        var write = new Regex(@"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(mh\.\w+)", RegexOptions.IgnoreCase);
        var writes = new[] { "Gateway", "ReadModel" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(RepositoryRoot, "src", folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => write.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Table: m.Groups[2].Value)))
            .Where(w => w.Table != "mh.referral_audit")
            .ToList();

        Assert.True(writes.Count == 0, "writes outside the grains: " + string.Join(", ", writes.Select(w => $"{w.File} → {w.Table}")));
    }

    private static List<string> ProjectReferencesOf(string project)
    {
        var file = Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), project + ".csproj", SearchOption.AllDirectories).Single();
        return XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
    }

    private static string RepositoryRoot { get; } = FindRoot();

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
}
