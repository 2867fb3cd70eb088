using System.Diagnostics;
using System.Globalization;
using FlowGov.CrashDriver;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Tests.Crash;

/// <summary>
/// The store survives SIGKILL at any moment: a child process (tests/FlowGov.CrashDriver) drives
/// instances with tasks, a fork/join and a timer and is killed after a random number of commits,
/// again and again (200 times by default); after each kill the database must be consistent with
/// every commit the driver acknowledged (no lost instance, no transition applied twice, every open
/// bookmark resumable, journal = state), and at the end a last run drives every instance to
/// completion. Runs on SQLite and on PostgreSQL. FLOWGOV_CRASH_KILLS (default 200),
/// FLOWGOV_CRASH_INSTANCES (default 120), FLOWGOV_CRASH_SEED and FLOWGOV_CRASH_SYNCHRONOUS
/// (SQLite: full|normal) tune it. A restart is the cost: see docs/benchmarks.md (crash test).
/// </summary>
public abstract class CrashContract : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flowgov-crash-" + Path.GetRandomFileName());

    protected CrashContract() => Directory.CreateDirectory(_dir);

    /// <summary>The driver's store argument: full, normal or a PostgreSQL connection string.</summary>
    protected abstract Task<string> StoreAsync();

    [Fact]
    public async Task Driver_KilledAtRandomMoments_NoCommitLostNoneAppliedTwice()
    {
        var kills = Setting("FLOWGOV_CRASH_KILLS", 200);
        var instances = Setting("FLOWGOV_CRASH_INSTANCES", 200);
        var store = await StoreAsync();
        var options = CrashStore.Options(_dir, store);
        var random = new Random(Setting("FLOWGOV_CRASH_SEED", 20260302));
        var expectedCommits = instances * 7; // start, 4 tasks, a timer or two per instance
        // A fast driver commits a few more lines between the line read and the SIGKILL landing, so
        // kills aim at a third of the work at most: 200 kills must happen before the work runs out.
        var maxLines = Math.Max(2, expectedCommits / (3 * Math.Max(1, kills)));
        var killed = 0;
        var runs = 0;

        // The work a run gets through between two kills varies with the machine, so the kills are
        // counted, not assumed: when the driver finishes before the last kill, the test gives it
        // more instances (it starts whatever business keys are missing) and goes on killing.
        while (killed < kills)
        {
            Assert.True(++runs <= kills * 2, $"only {killed} of {kills} kills in {runs - 1} runs");
            var lines = random.Next(1, maxLines + 1);
            var (finished, _) = await RunDriverAsync(instances, store, killAfterLines: lines);
            if (finished)
            {
                instances += Math.Max(10, instances / 4);
                continue;
            }

            killed++;
            var report = await ConsistencyChecker.CheckAsync(_dir, options);
            Assert.True(report.Ok, $"after kill {killed} (at {lines} commits into the run): {report}");
        }

        var (done, output) = await RunDriverAsync(instances, store, killAfterLines: null);
        var final = await ConsistencyChecker.CheckAsync(_dir, options);

        Assert.True(done, "the last, unkilled run did not finish: " + output);
        Assert.True(final.Ok, final.ToString());
        Assert.Equal(instances, final.Instances);
        Assert.Equal(instances, final.Completed);
        Assert.Equal(0, final.OpenBookmarks);

        // The checker is not vacuous: one lost journal step is reported.
        var database = new FlowGovDatabase(options with { GroupCommit = false });
        await using (var db = database.CreateContext(DistrictScope.AllDistricts))
        {
            var first = await db.Journal.OrderBy(j => j.InstanceId).ThenBy(j => j.Sequence).Select(j => new { j.InstanceId, j.Sequence }).FirstAsync();
            Assert.Equal(1, await db.Journal.Where(j => j.InstanceId == first.InstanceId && j.Sequence == first.Sequence).ExecuteDeleteAsync());
        }

        Assert.False((await ConsistencyChecker.CheckAsync(_dir, options)).Ok);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<(bool Finished, string Output)> RunDriverAsync(int instances, string store, int? killAfterLines)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { DriverPath(), _dir, instances.ToString(CultureInfo.InvariantCulture), "2", store })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the crash driver");
        var stderr = process.StandardError.ReadToEndAsync();
        var commits = -1; // "ready" counts as line 0
        var finished = false;
        var killedByUs = false;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "DONE")
            {
                finished = true;
                break;
            }

            commits++;
            if (killAfterLines is { } n && commits >= n)
            {
                process.Kill(); // SIGKILL on Linux: no finally blocks, no flushing, no disposal
                killedByUs = true;
                break;
            }
        }

        await process.WaitForExitAsync();
        var errors = await stderr;
        if (finished)
        {
            return (true, errors);
        }

        // Either we killed it (expected) or it stopped on its own, which is a failure of the driver or the store.
        Assert.True(killedByUs, $"driver stopped by itself (exit {process.ExitCode}) without finishing: {errors}");
        return (false, errors);
    }

    private static string DriverPath()
    {
        // Built beside us by the project reference: .../tests/FlowGov.CrashDriver/bin/<config>/net10.0/
        var mine = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var path = mine.Replace("FlowGov.Data.Tests", "FlowGov.CrashDriver", StringComparison.Ordinal);
        var precompiled = Path.Combine(path, "r2r", "FlowGov.CrashDriver.dll"); // ReadyToRun copy: restarts without JIT-compiling EF Core
        if (File.Exists(precompiled))
        {
            return precompiled;
        }

        var dll = Path.Combine(path, "FlowGov.CrashDriver.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/FlowGov.CrashDriver first (the test project references it).", dll);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
