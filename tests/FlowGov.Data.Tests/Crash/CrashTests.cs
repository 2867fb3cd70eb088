using System.Diagnostics;
using System.Globalization;
using FlowGov.CrashDriver;

namespace FlowGov.Data.Tests.Crash;

/// <summary>
/// The store survives SIGKILL at any moment: a child process (tests/FlowGov.CrashDriver) drives
/// instances with tasks, a fork/join and a timer on a SQLite file and is killed after a random
/// number of commits, again and again; after each kill the database must be consistent with every
/// commit the driver acknowledged, and at the end a last run drives every instance to completion.
/// FLOWGOV_CRASH_KILLS (default 40), FLOWGOV_CRASH_INSTANCES (default 120) and
/// FLOWGOV_CRASH_SYNCHRONOUS (full|normal) tune it; each restart costs ~2 s of cold start.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flowgov-crash-" + Path.GetRandomFileName());

    public CrashTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task Driver_KilledAtRandomMoments_NoCommitLostNoneAppliedTwice()
    {
        var kills = Setting("FLOWGOV_CRASH_KILLS", 40);
        var instances = Setting("FLOWGOV_CRASH_INSTANCES", 120);
        var synchronous = Environment.GetEnvironmentVariable("FLOWGOV_CRASH_SYNCHRONOUS") ?? "full";
        var random = new Random(Setting("FLOWGOV_CRASH_SEED", 20260302));
        var expectedCommits = instances * 7; // start, 4 tasks, a timer or two per instance
        var maxLines = Math.Max(2, 2 * expectedCommits / Math.Max(1, kills));
        var killed = 0;

        for (var k = 0; k < kills; k++)
        {
            var lines = random.Next(0, maxLines + 1);
            var (finished, _) = await RunDriverAsync(instances, synchronous, killAfterLines: lines);
            if (finished)
            {
                break;
            }

            killed++;
            var report = await ConsistencyChecker.CheckAsync(_dir);
            Assert.True(report.Ok, $"after kill {k + 1} (at {lines} commits into the run): {report}");
        }

        var (done, output) = await RunDriverAsync(instances, synchronous, killAfterLines: null);
        var final = await ConsistencyChecker.CheckAsync(_dir);

        Assert.True(done, "the last, unkilled run did not finish: " + output);
        Assert.True(final.Ok, final.ToString());
        Assert.Equal(instances, final.Instances);
        Assert.Equal(instances, final.Completed);
        Assert.Equal(0, final.OpenBookmarks);
        Assert.True(killed >= Math.Min(kills, 5), $"only {killed} kills happened before the work ran out");

        // The checker is not vacuous: one lost journal step is reported.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, FlowGovDataOptions.DefaultFileName)}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM journal WHERE rowid = (SELECT MIN(rowid) FROM journal)";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.False((await ConsistencyChecker.CheckAsync(_dir)).Ok);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(bool Finished, string Output)> RunDriverAsync(int instances, string synchronous, int? killAfterLines)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { DriverPath(), _dir, instances.ToString(CultureInfo.InvariantCulture), "2", synchronous })
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
        var dll = Path.Combine(path, "FlowGov.CrashDriver.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/FlowGov.CrashDriver first (the test project references it).", dll);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
