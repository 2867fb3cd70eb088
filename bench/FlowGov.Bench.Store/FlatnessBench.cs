using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Bench.Store;

/// <summary>(3) Latency of start, resume (complete task) and the inbox query at a given store size.</summary>
internal static class FlatnessBench
{
    public const int PageSize = 20;

    public static async Task<(Latencies Start, Latencies Resume, Latencies Inbox)> MeasureAsync(EngineRig rig, int ops)
    {
        // Warm-up of every path.
        for (var i = 0; i < 20; i++)
        {
            await rig.StartAsync();
            await InboxAsync(rig);
        }

        var start = new Latencies();
        for (var i = 0; i < ops; i++)
        {
            await start.TimeAsync(rig.StartAsync);
        }

        var queue = new Queue<string>(await rig.PreStartAsync((ops / (EngineRig.TasksPerInstance - 1)) + 2));
        var resume = new Latencies();
        for (var i = 0; i < ops; i++)
        {
            var next = await resume.TimeAsync(() => rig.CompleteAsync(queue.Dequeue()));
            if (next is not null)
            {
                queue.Enqueue(next);
            }
        }

        var inbox = new Latencies();
        for (var i = 0; i < ops; i++)
        {
            var page = await inbox.TimeAsync(() => InboxAsync(rig));
            if (page.Count != PageSize)
            {
                throw new InvalidOperationException($"Inbox returned {page.Count} rows.");
            }
        }

        return (start, resume, inbox);
    }

    /// <summary>"My tasks": open unassigned tasks for a candidate role at a unit, first page by deadline, as the server would ask EF.</summary>
    public static async Task<List<TaskRow>> InboxAsync(EngineRig rig)
    {
        await using var db = rig.Database.CreateContext(rig.Scope);
        var role = "," + EngineRig.Role + ",";
        var unit = EngineRig.Unit;
        return await db.Tasks.AsNoTracking()
            .Where(t => t.Status == "Open" && t.Assignee == null && t.CandidateUnit == unit && t.CandidateRoles.Contains(role))
            .OrderBy(t => t.DueAt)
            .Take(PageSize)
            .ToListAsync();
    }
}
