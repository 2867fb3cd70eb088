using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.CrashDriver;

/// <summary>
/// After a crash: every acknowledged start and resume is in the database, no business key was
/// started twice, and each instance's rows agree with its state — revision and status columns,
/// journal sequence 1..N with no gap or extra step, bookmark index = open bookmarks, open task rows
/// = open tasks, and a running instance has something to resume.
/// </summary>
public static class ConsistencyChecker
{
    public static async Task<CheckReport> CheckAsync(string directory, FlowGovDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = new FlowGovDatabase(options with { GroupCommit = false });
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        var problems = new List<string>();
        var instances = await db.Instances.AsNoTracking().ToListAsync();
        var bookmarks = (await db.Bookmarks.AsNoTracking().Select(b => new { b.Id, b.InstanceId }).ToListAsync()).ToLookup(b => b.InstanceId, b => b.Id);
        var openTasks = (await db.Tasks.AsNoTracking().Where(t => t.Status == nameof(HumanTaskStatus.Open)).Select(t => new { t.Id, t.InstanceId }).ToListAsync()).ToLookup(t => t.InstanceId, t => t.Id);
        var journal = (await db.Journal.AsNoTracking().GroupBy(j => j.InstanceId).Select(g => new { Id = g.Key, Count = g.Count(), Min = g.Min(j => j.Sequence), Max = g.Max(j => j.Sequence) }).ToListAsync()).ToDictionary(j => j.Id);
        var byId = new Dictionary<string, WorkflowInstance>(StringComparer.Ordinal);

        foreach (var row in instances)
        {
            var state = JsonSerializer.Deserialize(row.StateJson, EngineJson.Default.WorkflowInstance)!;
            byId[row.Id] = state;
            var id = row.Id;
            if (state.Revision != row.Revision)
            {
                problems.Add($"{id}: state revision {state.Revision} ≠ row revision {row.Revision}");
            }

            if (state.Status.ToString() != row.Status)
            {
                problems.Add($"{id}: state status {state.Status} ≠ row status {row.Status}");
            }

            var j = journal.GetValueOrDefault(id);
            if (j is null || j.Count != state.JournalSequence || j.Min != 1 || j.Max != state.JournalSequence)
            {
                problems.Add($"{id}: journal has {j?.Count ?? 0} steps ({j?.Min}..{j?.Max}) but the state is at step {state.JournalSequence}");
            }

            var indexed = bookmarks[id].ToHashSet(StringComparer.Ordinal);
            if (!indexed.SetEquals(state.Bookmarks.Select(b => b.Id)))
            {
                problems.Add($"{id}: bookmark index [{string.Join(",", indexed)}] ≠ open bookmarks [{string.Join(",", state.Bookmarks.Select(b => b.Id))}]");
            }

            var tasks = openTasks[id].ToHashSet(StringComparer.Ordinal);
            if (!tasks.SetEquals(state.Tasks.Where(t => t.Status == HumanTaskStatus.Open).Select(t => t.Id)))
            {
                problems.Add($"{id}: open task rows [{string.Join(",", tasks)}] ≠ open tasks [{string.Join(",", state.Tasks.Select(t => t.Id))}]");
            }

            if (state.Status == InstanceStatus.Running && state.Bookmarks.Count == 0)
            {
                problems.Add($"{id}: running but nothing to resume");
            }
        }

        foreach (var dup in instances.GroupBy(i => i.BusinessKey).Where(g => g.Count() > 1))
        {
            problems.Add($"business key {dup.Key} was started {dup.Count()} times");
        }

        var acks = 0;
        var ackPath = Path.Combine(directory, "acks.log");
        if (File.Exists(ackPath))
        {
            using var stream = new FileStream(ackPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                if (parts.Length < 3)
                {
                    continue; // a line torn by the kill was never acknowledged in full
                }

                acks++;
                if (!byId.TryGetValue(parts[2], out var state))
                {
                    problems.Add($"acknowledged {line} but instance {parts[2]} is gone");
                }
                else if (parts[0] == "R" && (state.Revision < long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture) || state.FindBookmark(parts[1]) is not null))
                {
                    problems.Add($"acknowledged {line} but the instance is at revision {state.Revision} with the bookmark {(state.FindBookmark(parts[1]) is null ? "consumed" : "still open")}");
                }
            }
        }

        return new CheckReport(instances.Count, instances.Count(i => i.Status == nameof(InstanceStatus.Completed)), bookmarks.Sum(g => g.Count()), acks, problems);
    }
}
