using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Tests.Infrastructure;
using FlowGov.Scheduling.Host;
using Npgsql;
using Xunit.Abstractions;

namespace FlowGov.Scheduling.Tests;

/// <summary>
/// Clustered Quartz on PostgreSQL: two scheduler processes (tests/FlowGov.Scheduling.Host <c>node</c>)
/// share one database and its Quartz tables with clustering on. Timers come due while both run; the
/// first node to complete one is SIGKILLed with its acquired and running fires; the other must fire
/// everything, each timer exactly once — counted as journal transitions, not log lines. PostgreSQL is
/// started by the fixture on loopback; without it the test fails, it never skips.
/// FLOWGOV_CLUSTER_TIMERS overrides the count.
/// </summary>
public sealed class ClusterTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task TwoNodes_OneKilledWhileFiring_EveryTimerFiresExactlyOnceOnTheOther()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("FLOWGOV_CLUSTER_TIMERS"), CultureInfo.InvariantCulture, out var n) ? n : 300;
        var connectionString = await server.CreateDatabaseAsync();
        // The seeding engine's clock reads an hour back, so every timer is still pending when its
        // instance starts although the real due time (which Quartz uses) passes while seeding goes on.
        // Its scheduler is never started: it only writes triggers into the shared store.
        await using var seed = await SchedulerHost.CreateAsync(new FlowGovDataOptions { ConnectionString = connectionString }, o => o.ReconcileOnStart = false, new OffsetClock(TimeSpan.FromHours(-1)));
        await seed.PublishAsync(TimerWorkflows.WaitUntil());

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8)); // a give-up limit, not a timing
        await using var a = NodeProcess.Start("a", connectionString, count, timeout.Token);
        await using var b = NodeProcess.Start("b", connectionString, count, timeout.Token);
        await Task.WhenAll(a.Started, b.Started);

        var at = TimeProvider.System.GetUtcNow().AddSeconds(2);
        var input = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["at"] = at.ToString("O", CultureInfo.InvariantCulture) });
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, ct) =>
        {
            var started = await seed.Engine.StartAsync("timer", new StartRequest { Input = input, StartedBy = "seed" }, cancellationToken: ct);
            Assert.True(started.Instance.FindBookmark(started.BookmarksCreated.FirstOrDefault()?.Id ?? "") is not null,
                $"Seeded instance {started.Instance.Id} does not wait on a timer: {started.Instance.Status}; {string.Join("; ", started.Instance.Incidents.Select(i => i.Message))}");
        });

        var first = await Task.WhenAny(a.FirstFired, b.FirstFired);
        await first; // a node that died before firing fails here with its output
        var (killed, survivor) = first == a.FirstFired ? (a, b) : (b, a);
        killed.Kill(); // SIGKILL: its acquired triggers and running fires are left to the cluster
        var survivorFired = await survivor.Done;

        output.WriteLine($"{count} timers; killed node {killed.Name} after it completed {killed.Fired}; surviving node {survivor.Name} completed {survivorFired}.");
        Assert.True(killed.Fired >= 1, killed.Describe());
        Assert.True(survivorFired >= 1, "the surviving node completed nothing itself: " + survivor.Describe());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal(count, await ScalarAsync(connection, "SELECT COUNT(*) FROM instances WHERE status = 'Completed'"));
        Assert.Equal(count, await ScalarAsync(connection, $"SELECT COUNT(*) FROM journal WHERE activity_id = 'wait' AND kind = '{nameof(JournalKind.ActivityResumed)}'"));
        Assert.Equal(0, await ScalarAsync(connection, $"SELECT COUNT(*) FROM (SELECT instance_id FROM journal WHERE activity_id = 'wait' AND kind = '{nameof(JournalKind.ActivityResumed)}' GROUP BY instance_id HAVING COUNT(*) <> 1) x"));
        Assert.Equal(0, await ScalarAsync(connection, "SELECT COUNT(*) FROM bookmarks"));
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant SQL of this test
        command.CommandText = sql;
#pragma warning restore CA2100
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A scheduler node process whose output lines become tasks the test awaits.</summary>
    private sealed class NodeProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstFired = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly string _name;
        private readonly Task _reading;
        private int _fired;

        private NodeProcess(string name, Process process, CancellationToken cancellationToken)
        {
            _name = name;
            _process = process;
            _reading = ReadAsync(cancellationToken);
        }

        public Task Started => _started.Task;

        public Task FirstFired => _firstFired.Task;

        /// <summary>Completes with how many instances this node completed itself once the database has them all.</summary>
        public Task<int> Done => _done.Task;

        public int Fired => Volatile.Read(ref _fired);

        public string Name => _name;

        public static NodeProcess Start(string name, string connectionString, int count, CancellationToken cancellationToken)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(RestartTests.HostPath());
            psi.ArgumentList.Add("node");
            psi.ArgumentList.Add(connectionString);
            psi.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
            var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start scheduler node " + name);
            return new NodeProcess(name, process, cancellationToken);
        }

        public void Kill() => _process.Kill(entireProcessTree: true);

        public string Describe()
        {
            lock (_output)
            {
                return $"node {_name} (fired {Fired}):\n{_output}";
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            await _reading.ContinueWith(_ => { }, TaskScheduler.Default); // its failure, if any, was reported through the tasks
            _process.Dispose();
        }

        private async Task ReadAsync(CancellationToken cancellationToken)
        {
            var stderr = _process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
                {
                    lock (_output)
                    {
                        _output.AppendLine(line);
                    }

                    if (line == "STARTED")
                    {
                        _started.TrySetResult();
                    }
                    else if (line.StartsWith("FIRED ", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref _fired);
                        _firstFired.TrySetResult();
                    }
                    else if (line.StartsWith("DONE ", StringComparison.Ordinal))
                    {
                        _done.TrySetResult(int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture));
                    }
                }

                Fail(new InvalidOperationException($"Scheduler {Describe()}\nexited ({await stderr})."));
            }
            catch (OperationCanceledException)
            {
                Fail(new TimeoutException("Gave up waiting on scheduler " + Describe()));
            }
        }

        private void Fail(Exception ex)
        {
            _started.TrySetException(ex);
            _firstFired.TrySetException(ex);
            _done.TrySetException(ex);
        }
    }
}
