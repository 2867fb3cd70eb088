using System.Collections.Concurrent;
using System.Globalization;
using FlowGov.Core.Activities;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Versioning;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.CrashDriver;

/// <summary>
/// Drives <c>instances</c> crash-workflow instances to completion with several concurrent workers,
/// printing one line per commit (the test kills it after a random number of lines). Restartable:
/// it picks up whatever the database holds.
/// </summary>
public sealed class CrashRun(string directory, FlowGovDataOptions options, int instances, int workers)
{
    private static readonly DistrictScope Scope = DistrictScope.For(CrashWorkflow.District);

    public async Task<int> RunAsync()
    {
        var phases = new StartupPhases();
        var database = new FlowGovDatabase(options);
        phases.Mark("options");
        await database.MigrateAsync();
        phases.Mark("migrate");
        var clock = new PersistedClock(Path.Combine(directory, "clock.txt"));
        var scripts = new NoScripts();
        var compiler = new DefinitionCompiler(ActivityRegistry.Default, scripts);
        var store = new EfWorkflowStore(database, Scope);
        var engine = new WorkflowEngine(store, new DefinitionCache(compiler), new WorkflowRunner(scripts, clock.Clock, new SortableIdGenerator(clock.Clock)));
        await EnsurePublishedAsync(database, store, compiler, clock);
        phases.Mark("definition");

        var missing = new ConcurrentQueue<string>();
        {
            var have = (await QueryAsync(database, $"SELECT business_key FROM instances WHERE district = '{CrashWorkflow.District}'")).Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < instances; i++)
            {
                var key = "crash-" + i.ToString(CultureInfo.InvariantCulture);
                if (!have.Contains(key))
                {
                    missing.Enqueue(key);
                }
            }
        }

        phases.Mark("pending");
        using var acks = new AckLog(Path.Combine(directory, "acks.log"));
        phases.Report();
        Console.Out.WriteLine("ready");
        using var advancing = new SemaphoreSlim(1, 1);
        var done = 0;
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + Environment.ProcessId);
            while (Volatile.Read(ref done) == 0)
            {
                if (missing.TryDequeue(out var businessKey))
                {
                    var started = await engine.StartAsync(CrashWorkflow.Key, new StartRequest { District = CrashWorkflow.District, BusinessKey = businessKey, StartedBy = "driver" });
                    acks.Write($"S {businessKey} {started.Instance.Id}");
                    Console.Out.WriteLine("c");
                    continue;
                }

                var task = (await QueryAsync(database, $"SELECT id, bookmark_id, instance_id FROM tasks WHERE district = '{CrashWorkflow.District}' AND status = 'Open' ORDER BY random() LIMIT 1")).FirstOrDefault();
                if (task is not null)
                {
                    var outcome = await engine.CompleteTaskAsync(task[0], new ResumeInput("worker-" + w.ToString(CultureInfo.InvariantCulture), "done"));
                    if (outcome.Status == ResumeStatus.Resumed)
                    {
                        acks.Write(string.Create(CultureInfo.InvariantCulture, $"R {task[1]} {task[2]} {outcome.Result!.Instance.Revision}"));
                        Console.Out.WriteLine("c");
                    }

                    continue;
                }

                if (missing.IsEmpty && (await QueryAsync(database, $"SELECT id FROM instances WHERE district = '{CrashWorkflow.District}' AND status = 'Running' LIMIT 1")).Count == 0)
                {
                    Interlocked.Exchange(ref done, 1);
                    break;
                }

                await advancing.WaitAsync();
                try
                {
                    if (await engine.FireDueTimersAsync() == 0 && random.Next(2) == 0)
                    {
                        clock.Advance(TimeSpan.FromMinutes(30));
                    }

                    Console.Out.WriteLine("c");
                }
                finally
                {
                    advancing.Release();
                }
            }
        })).ToList();
        await Task.WhenAll(tasks);
        Console.Out.WriteLine("DONE");
        return 0;
    }

    /// <summary>
    /// The driver's own bookkeeping queries (what to start, what to complete) in plain SQL: each
    /// distinct LINQ query costs a compilation on every restart, and only the store's own queries
    /// are what this test is about.
    /// </summary>
    private static async Task<List<string[]>> QueryAsync(FlowGovDatabase database, string sql)
    {
        await using var db = database.CreateContext(Scope);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant SQL of this driver
        command.CommandText = sql;
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task EnsurePublishedAsync(FlowGovDatabase database, EfWorkflowStore store, DefinitionCompiler compiler, PersistedClock clock)
    {
        if ((await QueryAsync(database, $"SELECT key FROM definitions WHERE district = '{CrashWorkflow.District}' AND key = '{CrashWorkflow.Key}' AND status = 'Published'")).Count > 0)
        {
            return;
        }

        var service = new DefinitionService(database, Scope, compiler, clock.Clock);
        var actor = new AuditActor("crash-driver", "test");
        var draft = await service.GetDraftAsync(CrashWorkflow.District, CrashWorkflow.Key);
        var revision = draft is null ? await service.SaveDraftAsync(CrashWorkflow.Definition, 0, actor) : draft.Revision;
        await service.PublishAsync(CrashWorkflow.District, CrashWorkflow.Key, revision, "crash test", actor);
    }
}
