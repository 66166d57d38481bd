using System.Globalization;

namespace MhSupply.Bench;

/// <summary>
/// CPU time of named process trees and of the whole machine, from /proc (Linux), so the report can say where the
/// cores went during a phase. A tree's time is its processes' own time plus that of children they already reaped
/// (PostgreSQL backends that exit are counted by the postmaster).
/// </summary>
public sealed class CpuProbe(IReadOnlyList<(string Name, int Pid)> roots)
{
    /// <summary>USER_HZ: the unit of /proc times, 100 on every Linux userland ABI.</summary>
    private const double TicksPerSecond = 100;

    public sealed record Sample(Dictionary<string, long> Trees, long MachineTotal, long MachineIdle, long MachineIowait, long At);

    public static bool Available => OperatingSystem.IsLinux() && File.Exists("/proc/stat");

    public Sample Take()
    {
        var processes = ReadProcesses();
        var children = processes.Values.GroupBy(p => p.Ppid).ToDictionary(g => g.Key, g => g.Select(p => p.Pid).ToList());
        var trees = new Dictionary<string, long>();
        foreach (var (name, pid) in roots)
        {
            long total = 0;
            var stack = new Stack<int>([pid]);
            var seen = new HashSet<int>();
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                if (!seen.Add(p) || !processes.TryGetValue(p, out var info))
                {
                    continue;
                }
                total += info.Ticks;
                foreach (var c in children.GetValueOrDefault(p) ?? [])
                {
                    stack.Push(c);
                }
            }
            trees[name] = total;
        }
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new Sample(trees, cpu.Sum(), cpu[3], cpu[4], System.Diagnostics.Stopwatch.GetTimestamp());
    }

    /// <summary>Lines like "gateway 61% of a core (31% of the machine)" for the interval between two samples.</summary>
    public static IEnumerable<string> Report(Sample before, Sample after)
    {
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(before.At, after.At).TotalSeconds;
        var cores = Environment.ProcessorCount;
        var machineTicks = Math.Max(1, after.MachineTotal - before.MachineTotal);
        var idle = (after.MachineIdle - before.MachineIdle) * 100.0 / machineTicks;
        var iowait = (after.MachineIowait - before.MachineIowait) * 100.0 / machineTicks;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"  machine ({cores} cores): busy {100 - idle - iowait:F0}%, idle {idle:F0}%, iowait {iowait:F0}%");
        long named = 0;
        foreach (var (name, ticks) in after.Trees.OrderByDescending(t => t.Value - before.Trees.GetValueOrDefault(t.Key)))
        {
            var used = ticks - before.Trees.GetValueOrDefault(name);
            named += used;
            var ofCore = used / TicksPerSecond / seconds * 100;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {name,-9} {ofCore,5:F0}% of a core ({ofCore / cores,3:F0}% of the machine)");
        }
        var busyTicks = machineTicks - (after.MachineIdle - before.MachineIdle) - (after.MachineIowait - before.MachineIowait);
        var rest = (busyTicks - named) / TicksPerSecond / seconds * 100;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"  {"other",-9} {Math.Max(0, rest),5:F0}% of a core (kernel, other processes)");
    }

    /// <summary>CPU used outside the watched trees, in percent of one core: other work on the machine skews the figures.</summary>
    public static double OtherPercentOfCore(Sample before, Sample after)
    {
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(before.At, after.At).TotalSeconds;
        var busy = after.MachineTotal - before.MachineTotal - (after.MachineIdle - before.MachineIdle) - (after.MachineIowait - before.MachineIowait);
        var named = after.Trees.Sum(t => t.Value - before.Trees.GetValueOrDefault(t.Key));
        return Math.Max(0, (busy - named) / TicksPerSecond / seconds * 100);
    }

    private sealed record ProcessInfo(int Pid, int Ppid, long Ticks);

    private static Dictionary<int, ProcessInfo> ReadProcesses()
    {
        var result = new Dictionary<int, ProcessInfo>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17); comm may hold spaces and parentheses.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            result[pid] = new ProcessInfo(pid, ppid, ticks);
        }
        return result;
    }
}
