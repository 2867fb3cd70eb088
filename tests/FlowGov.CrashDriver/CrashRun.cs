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
public sealed class CrashRun(string directory, int instances, int workers, SqliteSynchronous synchronous)
{
    private static readonly DistrictScope Scope = DistrictScope.For(CrashWorkflow.District);

    public async Task<int> RunAsync()
    {
        var database = new FlowGovDatabase(new FlowGovDataOptions { DataDirectory = directory, Synchronous = synchronous });
        await database.MigrateAsync();
        var clock = new PersistedClock(Path.Combine(directory, "clock.txt"));
        var scripts = new NoScripts();
        var compiler = new DefinitionCompiler(ActivityRegistry.Default, scripts);
        var store = new EfWorkflowStore(database, Scope);
        var engine = new WorkflowEngine(store, new DefinitionCache(compiler), new WorkflowRunner(scripts, clock.Clock, new SortableIdGenerator(clock.Clock)));
        await EnsurePublishedAsync(database, store, compiler, clock);

        var missing = new ConcurrentQueue<string>();
        await using (var db = database.CreateContext(Scope))
        {
            var have = (await db.Instances.Select(i => i.BusinessKey).ToListAsync()).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < instances; i++)
            {
                var key = "crash-" + i.ToString(CultureInfo.InvariantCulture);
                if (!have.Contains(key))
                {
                    missing.Enqueue(key);
                }
            }
        }

        using var acks = new AckLog(Path.Combine(directory, "acks.log"));
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

                await using var db = database.CreateContext(Scope);
                var task = await db.Tasks.Where(t => t.Status == "Open").OrderBy(t => EF.Functions.Random()).Select(t => new { t.Id, t.BookmarkId, t.InstanceId }).FirstOrDefaultAsync();
                if (task is not null)
                {
                    var outcome = await engine.CompleteTaskAsync(task.Id, new ResumeInput("worker-" + w.ToString(CultureInfo.InvariantCulture), "done"));
                    if (outcome.Status == ResumeStatus.Resumed)
                    {
                        acks.Write(string.Create(CultureInfo.InvariantCulture, $"R {task.BookmarkId} {task.InstanceId} {outcome.Result!.Instance.Revision}"));
                        Console.Out.WriteLine("c");
                    }

                    continue;
                }

                if (await db.Instances.CountAsync(i => i.Status == nameof(InstanceStatus.Running)) == 0 && missing.IsEmpty)
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

    private static async Task EnsurePublishedAsync(FlowGovDatabase database, EfWorkflowStore store, DefinitionCompiler compiler, PersistedClock clock)
    {
        if (await store.FindDefinitionAsync(CrashWorkflow.District, CrashWorkflow.Key, null) is not null)
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
