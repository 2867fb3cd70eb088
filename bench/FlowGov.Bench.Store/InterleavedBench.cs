using System.Diagnostics;
using System.Globalization;

namespace FlowGov.Bench.Store;

/// <summary>
/// The ratio with the disk's drift taken out: slices of raw FULL commits and of task
/// transitions take turns on the same disk, a second each, for a number of rounds. Raw FULL moved
/// by up to 65 % between two runs a minute apart, so a ratio of one transition run to raw runs
/// before and after it says as much about the minute as about the store; here every transition
/// slice has a raw slice of its own beside it.
/// </summary>
internal static class InterleavedBench
{
    public sealed record Round(int RawCommits, TimeSpan RawTime, int Transitions, TimeSpan TransitionTime)
    {
        public double RawPerSecond => RawCommits / RawTime.TotalSeconds;

        public double TransitionsPerSecond => Transitions / TransitionTime.TotalSeconds;

        public double Ratio => TransitionsPerSecond / RawPerSecond;
    }

    /// <summary>Rounds of a raw slice then a transition slice, after a warm-up of the transitions' own shape.</summary>
    public static async Task<IReadOnlyList<Round>> RunAsync(EngineRig rig, RawSqliteBench raw, int rounds, int callers, TimeSpan slice)
    {
        // Enough open tasks that no caller has to start an instance inside a slice: 9,000 transitions
        // a second is above anything measured on this machine.
        var perCaller = (int)(9000 * slice.TotalSeconds * rounds / callers);
        var queues = new List<Queue<string>>();
        for (var c = 0; c < callers; c++)
        {
            queues.Add(new Queue<string>(await rig.PreStartAsync((perCaller / (EngineRig.TasksPerInstance - 1)) + 1)));
        }

        await TransitionBench.WarmUntilJitQuietAsync(rig, callers);
        var result = new List<Round>();
        for (var r = 0; r < rounds; r++)
        {
            var (commits, rawTime) = raw.CommitFor(slice);
            var sw = Stopwatch.StartNew();
            var done = await Task.WhenAll(queues.Select(q => Task.Run(async () =>
            {
                var count = 0;
                while (sw.Elapsed < slice)
                {
                    if (q.Count == 0)
                    {
                        throw new InvalidOperationException("A caller ran out of open tasks; raise the pre-start estimate.");
                    }

                    await TransitionBench.CompleteAsync(rig, q, 1, latency: null);
                    count++;
                }

                return count;
            })));

            // Until the last caller's last transition: the slice counts the commits it waited for.
            result.Add(new Round(commits, rawTime, done.Sum(), sw.Elapsed));
        }

        return result;
    }

    /// <summary>One log line: every round's ratio, their median, and the ratio of the summed rates.</summary>
    public static string Summary(IReadOnlyList<Round> rounds)
    {
        var ratios = rounds.Select(r => r.Ratio).Order().ToList();
        var median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[(ratios.Count / 2) - 1] + ratios[ratios.Count / 2]) / 2;
        var raw = rounds.Sum(r => r.RawCommits) / rounds.Sum(r => r.RawTime.TotalSeconds);
        var transitions = rounds.Sum(r => r.Transitions) / rounds.Sum(r => r.TransitionTime.TotalSeconds);
        var perRound = string.Join(" ", rounds.Select(r => r.Ratio.ToString("0.00", CultureInfo.InvariantCulture)));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{transitions:0}/s against raw FULL {raw:0}/s = {transitions / raw:0.00}x over {rounds.Count} rounds; per round {perRound} (median {median:0.00}, {ratios.Count(x => x >= 1)} of {ratios.Count} >= 1); raw {rounds.Min(r => r.RawPerSecond):0}-{rounds.Max(r => r.RawPerSecond):0}/s, transitions {rounds.Min(r => r.TransitionsPerSecond):0}-{rounds.Max(r => r.TransitionsPerSecond):0}/s");
    }
}
