using System.Diagnostics;
using System.Runtime;

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

    /// <summary>The process's file I/O per transition in the last timed run: unlike the rates, it does not move with the disk's drift.</summary>
    public static ProcessIo LastIo { get; private set; }

    /// <summary>Share of the last timed run's wall time the JIT spent compiling: near 0 once the warm-up reached steady state.</summary>
    public static double LastJitPercent { get; private set; }

    /// <summary>Transitions the last warm-up ran, and the methods the JIT compiled during it.</summary>
    public static (int Transitions, int JitMethods) LastWarmUp { get; private set; }

    /// <summary>The last run's I/O per transition, warm-up and JIT share, for the log: the evidence that the timed run measured steady state.</summary>
    public static string Footnote =>
        FormattableString.Invariant($"{LastIo}; warm-up {LastWarmUp.Transitions} transitions ({LastWarmUp.JitMethods} methods compiled), JIT {LastJitPercent:0.0}% of the timed run");

    private const int MaxWarmUpRounds = 30;
    private static readonly TimeSpan WarmUpRound = TimeSpan.FromSeconds(1);

    /// <summary>A warm-up round whose JIT time is at most this share of the round leaves the JIT quiet.</summary>
    private const double QuietJitShare = 0.01;

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

        LastWarmUp = await WarmUntilJitQuietAsync(rig, callers);

        var latency = new Latencies();
        var (batchesBefore, commitsBefore, busyBefore) = rig.Database.GroupCommitStatistics;
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        var io = ProcessIo.Read();
        var jit = JitInfo.GetCompilationTime();
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(queues.Select(q => Task.Run(async () =>
        {
            var own = new Latencies();
            await CompleteAsync(rig, q, perCaller, own);
            lock (latency)
            {
                latency.Merge(own);
            }
        })));
        sw.Stop();
        LastJitPercent = 100 * (JitInfo.GetCompilationTime() - jit) / sw.Elapsed;
        self.Refresh();
        LastCpuMsPerTransition = (self.TotalProcessorTime - cpu).TotalMilliseconds / (perCaller * callers);
        LastIo = ProcessIo.Read().Minus(io).Per(perCaller * callers);
        LastGc = (100 * (GC.GetTotalPauseDuration() - pause) / sw.Elapsed, (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / (perCaller * callers));
        var (batches, commits, busy) = rig.Database.GroupCommitStatistics;
        LastAdvancesPerBatch = (double)(commits - commitsBefore) / Math.Max(1, batches - batchesBefore);
        LastWriterBusyPercent = 100 * (busy - busyBefore) / sw.Elapsed;
        return (perCaller * callers / sw.Elapsed.TotalSeconds, latency);
    }

    /// <summary>
    /// Runs the timed run's shape (same callers, same commit path) on separate instances in rounds of
    /// a second until a round leaves the JIT quiet. A server runs at steady state; a fixed warm-up of
    /// 1,000 one-caller transitions left 2,000+ methods for tier-1 recompilation inside the timed
    /// run, 1.3–1.5 s of JIT in a 4–6 s run on two cores. Rounds are timed, not counted, because
    /// tier-up happens on a background thread after a delay, so a short quiet round proves nothing.
    /// </summary>
    internal static async Task<(int Transitions, int JitMethods)> WarmUntilJitQuietAsync(EngineRig rig, int callers)
    {
        var methodsBefore = JitInfo.GetCompiledMethodCount();
        var transitions = 0;
        for (var round = 0; round < MaxWarmUpRounds; round++)
        {
            var jit = JitInfo.GetCompilationTime();
            var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * WarmUpRound.Ticks / TimeSpan.TicksPerSecond;
            var done = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
            {
                var own = new Queue<string>();
                var count = 0;
                while (Stopwatch.GetTimestamp() < until)
                {
                    if (own.Count == 0)
                    {
                        own.Enqueue((await rig.StartAsync()).TasksCreated[0].Id);
                    }

                    await CompleteAsync(rig, own, 1, latency: null);
                    count++;
                }

                return count;
            })));
            transitions += done.Sum();
            if (JitInfo.GetCompilationTime() - jit <= WarmUpRound * QuietJitShare)
            {
                break;
            }
        }

        return (transitions, (int)(JitInfo.GetCompiledMethodCount() - methodsBefore));
    }

    /// <summary>Completes <paramref name="count"/> tasks of the queued instances, each instance's next task queued behind the others.</summary>
    internal static async Task CompleteAsync(EngineRig rig, Queue<string> tasks, int count, Latencies? latency)
    {
        for (var i = 0; i < count; i++)
        {
            var task = tasks.Dequeue();
            var next = latency is null ? await rig.CompleteAsync(task) : await latency.TimeAsync(() => rig.CompleteAsync(task));
            if (next is not null)
            {
                tasks.Enqueue(next);
            }
        }
    }
}
