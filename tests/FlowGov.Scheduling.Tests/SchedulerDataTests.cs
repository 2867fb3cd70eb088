using FlowGov.Data;
using Microsoft.Data.Sqlite;

namespace FlowGov.Scheduling.Tests;

/// <summary>
/// Tests on real Quartz with its SQLite store: each test gets its own temp data directory
/// (<c>flowgov.db</c> and <c>quartz.db</c>), deleted afterwards.
/// </summary>
public abstract class SchedulerDataTests(string name) : IAsyncLifetime
{
    protected string DataDir { get; } = Path.Combine(Path.GetTempPath(), $"flowgov-{name}-" + Path.GetRandomFileName());

    /// <summary>The Quartz store's file in <see cref="DataDir"/>.</summary>
    protected string QuartzDb => Path.Combine(DataDir, SchedulingOptions.DefaultFileName);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
        return Task.CompletedTask;
    }

    protected FlowGovDataOptions Data() => new() { DataDirectory = DataDir, Synchronous = SqliteSynchronous.Normal };
}
