using System.Diagnostics;

namespace FlowGov.Bench.Store;

/// <summary>(2) Persisted human-task transitions: CompleteTaskAsync = load → resume → advance → commit.</summary>
internal static class TransitionBench
{
    /// <summary>
    /// CPU time of this process per transition in the last run: unlike transitions/s it hardly moves
    /// when other builds load the machine, so it shows what the store's code costs.
    /// </summary>
    public static double LastCpuMsPerTransition { get; private set; }

    /// <summary>Advances per group commit during the last timed run (the warm-up, one caller, commits alone).</summary>
    public static double LastAdvancesPerBatch { get; private set; }

    /// <summary>Share of the last timed run's wall time the GC paused the process, and bytes allocated per transition.</summary>
    public static (double PausePercent, double AllocatedKbPerTransition) LastGc { get; private set; }

    /// <summary>Share of the last timed run's wall time the group-commit writer was busy (0 without group commit): near 100 %, the writer is the bottleneck.</summary>
    public static double LastWriterBusyPercent { get; private set; }

    private const int WarmUp = 1000;

    /// <summary>Pre-starts instances, then times <paramref name="transitions"/> completions spread over <paramref name="callers"/> concurrent callers (each on its own instances).</summary>
    public static async Task<(double PerSecond, Latencies Latency)> RunAsync(EngineRig rig, int transitions, int callers)
    {
        var perCaller = transitions / callers;
        var instancesPerCaller = (perCaller / (EngineRig.TasksPerInstance - 1)) + 1;
        var queues = new List<Queue<string>>();
        for (var c = 0; c < callers; c++)
        {
            queues.Add(new Queue<string>(await rig.PreStartAsync(instancesPerCaller)));
        }

        // Warm-up on separate instances (EF query cache, definition cache, pools) long enough for the
        // JIT's tier-1 recompilation of the hot path to finish: a server runs at steady state, and
        // 50 warm-up transitions left the first measured row paying for the JIT (~0.5 ms each).
        var warm = new Queue<string>(await rig.PreStartAsync(WarmUp / (EngineRig.TasksPerInstance - 1) + 1));
        for (var i = 0; i < WarmUp && warm.Count > 0; i++)
        {
            var next = await rig.CompleteAsync(warm.Dequeue());
            if (next is not null)
            {
                warm.Enqueue(next);
            }
        }

        await Task.Delay(500); // the JIT's background tier-up queue drains

        var latency = new Latencies();
        var (batchesBefore, commitsBefore, busyBefore) = rig.Database.GroupCommitStatistics;
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(queues.Select(q => Task.Run(async () =>
        {
            var own = new Latencies();
            for (var i = 0; i < perCaller; i++)
            {
                var next = await own.TimeAsync(() => rig.CompleteAsync(q.Dequeue()));
                if (next is not null)
                {
                    q.Enqueue(next);
                }
            }

            lock (latency)
            {
                latency.Merge(own);
            }
        })));
        sw.Stop();
        self.Refresh();
        LastCpuMsPerTransition = (self.TotalProcessorTime - cpu).TotalMilliseconds / (perCaller * callers);
        LastGc = (100 * (GC.GetTotalPauseDuration() - pause) / sw.Elapsed, (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / (perCaller * callers));
        var (batches, commits, busy) = rig.Database.GroupCommitStatistics;
        LastAdvancesPerBatch = (double)(commits - commitsBefore) / Math.Max(1, batches - batchesBefore);
        LastWriterBusyPercent = 100 * (busy - busyBefore) / sw.Elapsed;
        return (perCaller * callers / sw.Elapsed.TotalSeconds, latency);
    }
}
