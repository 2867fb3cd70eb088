using System.Globalization;
using System.Text;
using FlowGov.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlowGov.Bench.Store;

/// <summary>
/// The store benchmarks of the "durable store" issue; prints a Markdown section.
/// <c>dotnet run -c Release --project bench/FlowGov.Bench.Store -- [--large 200000] [--transitions 2000] [--raw 3000] [--repeat 2] [--no-postgres]</c>;
/// alone, with raw FULL before and after: <c>--grouped-only</c>, <c>--single-only</c>, <c>--breakdown</c>, <c>--fsync-probe</c>;
/// raw FULL and transitions in turns of a second: <c>--interleaved grouped|single [--rounds 10]</c>
/// </summary>
public static class Program
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        var large = Arg(args, "--large", 200_000);
        var transitions = Arg(args, "--transitions", 2_000);
        var raw = Arg(args, "--raw", 3_000);
        var repeat = Arg(args, "--repeat", 2);
        var ops = Arg(args, "--ops", 300);
        var flatRounds = Arg(args, "--flat-rounds", 5);
        var versions = Arg(args, "--versions", 500);
        var callers = Arg(args, "--callers", 16);
        var postgres = !args.Contains("--no-postgres");
        var flatness = !args.Contains("--no-flatness");
        if (args.Contains("--grouped-only") || args.Contains("--single-only"))
        {
            // One SQLite FULL transition run (grouped, or one caller without group commit) between two
            // raw FULL runs on the same disk: the ratio of the issue from one short run, and the shape
            // to put under a profiler. The disk's speed drifts by tens of percent between minutes.
            var grouped = args.Contains("--grouped-only");
            var dir = Path.Combine(Path.GetTempPath(), "flowgov-bench-alone-" + Environment.ProcessId.ToString(Inv));
            var rawBefore = RawSqliteBench.CommitsPerSecond("FULL", raw, Path.Combine(dir, "raw-before"));
            var rig = await SqliteRigAsync(dir, "t", SqliteSynchronous.Full, groupCommit: grouped);
            var (rate, _) = await TransitionBench.RunAsync(rig, transitions, grouped ? callers : 1);
            var rawAfter = RawSqliteBench.CommitsPerSecond("FULL", raw, Path.Combine(dir, "raw-after"));
            var shape = grouped ? $"grouped FULL x{callers}" : "single FULL x1";
            var batches = grouped ? $"{TransitionBench.LastAdvancesPerBatch:0.0} per batch, writer busy {TransitionBench.LastWriterBusyPercent:0}% of the run, " : "";
            Log($"{shape}: {rate:0}/s = {2 * rate / (rawBefore + rawAfter):0.00}x raw FULL ({rawBefore:0}/s before, {rawAfter:0}/s after), {batches}{TransitionBench.LastCpuMsPerTransition:0.00} CPU ms each, GC paused {TransitionBench.LastGc.PausePercent:0.0}% of the run, {TransitionBench.LastGc.AllocatedKbPerTransition:0} KB allocated each, {TransitionBench.Footnote}");
            return 0;
        }

        if (ArgText(args, "--interleaved", "") is { Length: > 0 } path)
        {
            // The ratio with the drift taken out: raw FULL and transition slices of a second in turn.
            if (path is not ("grouped" or "single"))
            {
                Log($"--interleaved {path}: expected grouped (group commit, --callers N) or single (one caller, no group commit)");
                return 64;
            }

            var grouped = path == "grouped";
            var dir = Path.Combine(Path.GetTempPath(), "flowgov-bench-interleaved-" + Environment.ProcessId.ToString(Inv));
            try
            {
                var rig = await SqliteRigAsync(dir, "t", SqliteSynchronous.Full, groupCommit: grouped);
                using var rawCommits = RawSqliteBench.Open("FULL", Path.Combine(dir, "raw"));
                var rounds = await InterleavedBench.RunAsync(rig, rawCommits, Arg(args, "--rounds", 10), grouped ? callers : 1, TimeSpan.FromSeconds(1));
                Log((grouped ? $"interleaved grouped FULL x{callers}: " : "interleaved single FULL x1: ") + InterleavedBench.Summary(rounds));
                await rig.Database.DisposeAsync();
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }

            return 0;
        }

        if (args.Contains("--fsync-probe"))
        {
            // What N frames and an fsync cost on this disk: the floor under any ratio to raw commits.
            FsyncProbe.Run(Path.Combine(Path.GetTempPath(), "flowgov-bench-fsync-" + Environment.ProcessId.ToString(Inv)), Log);
            return 0;
        }

        if (args.Contains("--breakdown"))
        {
            var r = await SqliteRigAsync(Path.Combine(Path.GetTempPath(), "flowgov-bench-breakdown-" + Environment.ProcessId.ToString(Inv)), "b", SqliteSynchronous.Normal, timed: true);
            var (rate, _) = await TransitionBench.RunAsync(r, transitions, 1);
            Log($"{rate:0}/s");
            for (var round = 0; round < 2; round++)
            {
                var sw0 = System.Diagnostics.Stopwatch.StartNew();
                for (var i = 0; i < 2000; i++)
                {
                    await r.Store.FindResumeTargetAsync("nope");
                }

                Log($"empty FindResumeTargetAsync: {sw0.Elapsed.TotalMilliseconds / 2000:0.000} ms");
            }

            foreach (var (k, (calls, ms)) in r.Timed!.Totals)
            {
                Log($"{k}: {calls} calls, {ms / calls:0.000} ms each");
            }

            return 0;
        }

        var root = Path.Combine(Path.GetTempPath(), "flowgov-bench-store-" + Environment.ProcessId.ToString(Inv));
        var md = new StringBuilder();
        try
        {
            // (1) + (2) on SQLite, per synchronous setting.
            var rawRates = new Dictionary<SqliteSynchronous, double>();
            md.AppendLine("### Durable commits and task transitions").AppendLine();
            md.AppendLine(Inv, $"| store | raw SQLite upsert commits/s (1) | transitions/s, 1 caller, no group commit (2) | ratio to (1) | {callers} callers, no group commit | ratio to (1) | {callers} callers, group commit | ratio to (1) | advances per group commit | complete-task p50 / p99 ms (1 caller) | CPU ms per transition (1 / {callers} / {callers} grouped) |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var sync in new[] { SqliteSynchronous.Full, SqliteSynchronous.Normal })
            {
                var name = sync == SqliteSynchronous.Full ? "FULL" : "NORMAL";
                var rawBest = Best(repeat, i => RawSqliteBench.CommitsPerSecond(name, raw, Path.Combine(root, "raw", name + i.ToString(Inv))));
                rawRates[sync] = rawBest;
                Log($"raw {name}: {rawBest:0}/s");
                var (one, oneLat) = await BestAsync(repeat, async i => await TransitionBench.RunAsync(await SqliteRigAsync(root, $"tr-{name}-1-{i}", sync, groupCommit: false), transitions, 1));
                var cpuOne = TransitionBench.LastCpuMsPerTransition;
                Log($"transitions {name} x1: {one:0}/s, {cpuOne:0.00} CPU ms each, {TransitionBench.Footnote}");
                var (many, _) = await BestAsync(repeat, async i => await TransitionBench.RunAsync(await SqliteRigAsync(root, $"tr-{name}-n-{i}", sync, groupCommit: false), transitions, callers));
                var cpuMany = TransitionBench.LastCpuMsPerTransition;
                Log($"transitions {name} x{callers}: {many:0}/s, {cpuMany:0.00} CPU ms each, {TransitionBench.Footnote}");
                var batchSize = 0.0;
                var (grouped, _) = await BestAsync(repeat, async i =>
                {
                    var rig = await SqliteRigAsync(root, $"tr-{name}-g-{i}", sync, groupCommit: true);
                    var r = await TransitionBench.RunAsync(rig, transitions, callers);
                    batchSize = Math.Max(batchSize, TransitionBench.LastAdvancesPerBatch);
                    return r;
                });
                var cpuGrouped = TransitionBench.LastCpuMsPerTransition;
                Log($"transitions {name} x{callers} group commit: {grouped:0}/s, {batchSize:0.0} per batch, {cpuGrouped:0.00} CPU ms each, {TransitionBench.Footnote}");
                md.AppendLine(Inv, $"| SQLite WAL synchronous={name} | {rawBest:0} | {one:0} | {one / rawBest:0.00}× | {many:0} | {many / rawBest:0.00}× | {grouped:0} | {grouped / rawBest:0.00}× | {batchSize:0.0} | {oneLat} | {cpuOne:0.00} / {cpuMany:0.00} / {cpuGrouped:0.00} |");
            }

            PostgresInstance? pg = null;
            var pgDatabases = 0;
            async Task<EngineRig> PgRigAsync(bool groupCommit = true)
            {
                var name = "bench" + (++pgDatabases).ToString(Inv);
                await using (var conn = new NpgsqlConnection(pg!.ConnectionString("postgres")))
                {
                    await conn.OpenAsync();
                    await using var cmd = conn.CreateCommand();
                    cmd.CommandText = "CREATE DATABASE " + name;
                    await cmd.ExecuteNonQueryAsync();
                }

                return await EngineRig.CreateAsync(new FlowGovDataOptions { ConnectionString = pg.ConnectionString(name), GroupCommit = groupCommit });
            }

            try
            {
                if (postgres)
                {
                    pg = new PostgresInstance(ArgText(args, "--pg-shared-buffers", "512MB"));
                    Log($"PostgreSQL {pg.Version} on port {pg.Port}");
                    var (one, oneLat) = await BestAsync(repeat, async _ => await TransitionBench.RunAsync(await PgRigAsync(false), transitions, 1));
                    var cpuOne = TransitionBench.LastCpuMsPerTransition;
                    var (many, _) = await BestAsync(repeat, async _ => await TransitionBench.RunAsync(await PgRigAsync(false), transitions, callers));
                    var cpuMany = TransitionBench.LastCpuMsPerTransition;
                    var batchSize = 0.0;
                    var (grouped, _) = await BestAsync(repeat, async _ =>
                    {
                        var rig = await PgRigAsync(true);
                        var r = await TransitionBench.RunAsync(rig, transitions, callers);
                        batchSize = Math.Max(batchSize, TransitionBench.LastAdvancesPerBatch);
                        return r;
                    });
                    var cpuGrouped = TransitionBench.LastCpuMsPerTransition;
                    Log($"transitions pg: {one:0}/s, x{callers} {many:0}/s, group commit {grouped:0}/s");
                    var full = rawRates[SqliteSynchronous.Full];
                    md.AppendLine(Inv, $"| PostgreSQL {pg.Version} (fsync=on, synchronous_commit=on) | — (SQLite FULL: {full:0}) | {one:0} | {one / full:0.00}× of SQLite FULL | {many:0} | {many / full:0.00}× | {grouped:0} | {grouped / full:0.00}× | {batchSize:0.0} | {oneLat} | {cpuOne:0.00} / {cpuMany:0.00} / {cpuGrouped:0.00} (client) |");
                }

                md.AppendLine();

                // (3) flatness, SQLite FULL (the default) and PostgreSQL.
                if (flatness)
                {
                    md.AppendLine("### Flatness: p50 / p99 latency in ms").AppendLine();
                    md.AppendLine(Inv, $"| store | stored instances | published versions | start | complete task | inbox (role + unit, first {FlatnessBench.PageSize} by due) |");
                    md.AppendLine("|---|---|---|---|---|---|");
                    var ratios = new StringBuilder();
                    await FlatnessAsync("SQLite FULL", name => SqliteRigAsync(root, name, SqliteSynchronous.Full));
                    if (pg is not null)
                    {
                        await FlatnessAsync($"PostgreSQL {pg.Version}", _ => PgRigAsync());
                    }

                    md.AppendLine();
                    md.Append(ratios);
                }
            }
            finally
            {
                pg?.Dispose();
            }

            // Three stores side by side — 1k instances and 1 version, 1k and 500 versions, 1M and 500
            // versions — measured in alternating rounds, each figure the median over the rounds. This
            // machine's speed drifts by tens of percent over minutes, so measuring one size after the
            // other (as before) compared the machine at two moments as much as the store at two sizes.
            async Task FlatnessAsync(string store, Func<string, Task<EngineRig>> newRig)
            {
                var small = await newRig("flat-1k-1v");
                await small.StartAsync(); // the filler copies this instance's state JSON
                await Filler.FillAsync(small, 0, 1_000 - 20);
                var versioned = await newRig("flat-1k-v");
                await versioned.StartAsync();
                await Filler.FillAsync(versioned, 0, 1_000 - 20);
                var big = await newRig("flat-large-v");
                await big.StartAsync();
                await Filler.FillAsync(big, 0, 1_000 - 20);
                for (var v = 2; v <= versions; v++)
                {
                    await versioned.PublishAsync(v);
                    await big.PublishAsync(v);
                }

                var seconds = await Filler.FillAsync(big, 1_000, large);
                Log($"{store}: filled to {large} in {seconds:0} s");
                EngineRig[] rigs = [small, versioned, big];
                var rounds = rigs.Select(_ => new List<(Latencies Start, Latencies Resume, Latencies Inbox)>()).ToArray();
                for (var round = 0; round < flatRounds; round++)
                {
                    for (var r = 0; r < rigs.Length; r++)
                    {
                        rounds[r].Add(await FlatnessBench.MeasureAsync(rigs[r], ops));
                    }
                }

                var (s1, s2, s3) = (Flat.Of(rounds[0]), Flat.Of(rounds[1]), Flat.Of(rounds[2]));
                Row(store, "1k", "1", s1);
                Row(store, "1k", versions.ToString(Inv), s2);
                Row(store, (large / 1000).ToString(Inv) + "k", versions.ToString(Inv), s3);
                md.AppendLine(Inv, $"| {store} | ratio {versions} / 1 versions (1k) | | {Flat.Ratio(s2.Start, s1.Start)} | {Flat.Ratio(s2.Resume, s1.Resume)} | {Flat.Ratio(s2.Inbox, s1.Inbox)} |");
                md.AppendLine(Inv, $"| {store} | ratio {large / 1000}k / 1k instances ({versions} versions) | | {Flat.Ratio(s3.Start, s2.Start)} | {Flat.Ratio(s3.Resume, s2.Resume)} | {Flat.Ratio(s3.Inbox, s2.Inbox)} |");
            }

            void Row(string store, string instances, string versionCount, (Flat Start, Flat Resume, Flat Inbox) m)
            {
                Log($"{store} {instances} {versionCount}v: start {m.Start} resume {m.Resume} inbox {m.Inbox}");
                md.AppendLine(Inv, $"| {store} | {instances} | {versionCount} | {m.Start} | {m.Resume} | {m.Inbox} |");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }

        Console.WriteLine(md.ToString());
        return 0;
    }

    private static string ArgText(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static async Task<EngineRig> SqliteRigAsync(string root, string name, SqliteSynchronous sync, bool groupCommit = true, bool timed = false) =>
        await EngineRig.CreateAsync(new FlowGovDataOptions { DataDirectory = Path.Combine(root, name), Synchronous = sync, GroupCommit = groupCommit }, timed);

    private static double Best(int repeat, Func<int, double> run) => Enumerable.Range(0, repeat).Select(run).Max();

    private static async Task<(double PerSecond, Latencies Latency)> BestAsync(int repeat, Func<int, Task<(double PerSecond, Latencies Latency)>> run)
    {
        (double PerSecond, Latencies Latency) best = (0, new Latencies());
        for (var i = 0; i < repeat; i++)
        {
            var r = await run(i);
            if (r.PerSecond > best.PerSecond)
            {
                best = r;
            }
        }

        return best;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], Inv) : fallback;
    }

    private static void Log(string message) => Console.Error.WriteLine(message);
}
