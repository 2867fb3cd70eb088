using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FlowGov.Bench;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Scheduling.Host;
using FlowGov.Scheduling.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

// FlowGov.Bench.Scheduling [pending=100000] [burst=1000] [dir|-] [maxConcurrency] [--noop-job | --engine-only] [--postgres]   ("-" = a temp dir, deleted after)
// --postgres: the store and Quartz on a throwaway PostgreSQL 15 (fsync on), Quartz clustered as a PostgreSQL deployment runs it.
// --noop-job: Quartz alone — the burst triggers fire a job that does nothing (no instances, no engine).
// --engine-only: the engine alone — the burst's bookmarks are resumed directly, maxConcurrency at once,
//   through the same call the timer job makes (no Quartz trigger fires; the scheduler never starts).
// 1. <burst> real instances wait on timers (engine → commit → Quartz trigger, as the server does).
// 2. The rest of <pending> are Quartz timer triggers due tomorrow, scheduled in batches of 1,000
//    (no instance behind them: what is measured is the scheduler's store and acquisition with that
//    many pending rows; reconciliation is off so they are not removed as orphans).
// 3. Every burst timer is moved to the same second (fire-now's path), the scheduler starts, and the
//    fire lag of each timer = its resume's commit time − its due time.
var noopJob = args.Contains("--noop-job");
var postgres = args.Contains("--postgres");
var engineOnly = args.Contains("--engine-only");
args = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var pending = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var burst = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
var keep = args.Length > 2 && args[2] != "-";
var dir = keep ? args[2] : Path.Combine(Path.GetTempPath(), "flowgov-bench-sched-" + Path.GetRandomFileName());
int? maxConcurrency = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : null;
Directory.CreateDirectory(dir);
using var pg = postgres ? new PostgresInstance() : null;
FlowGovDataOptions data;
if (pg is not null)
{
    await using (var admin = new NpgsqlConnection(pg.ConnectionString("postgres")))
    {
        await admin.OpenAsync();
        await using var create = admin.CreateCommand();
        create.CommandText = "CREATE DATABASE sched";
        await create.ExecuteNonQueryAsync();
    }

    data = new FlowGovDataOptions { ConnectionString = pg.ConnectionString("sched") };
}
else
{
    data = new FlowGovDataOptions { DataDirectory = dir, Synchronous = SqliteSynchronous.Normal };
}

var total = Stopwatch.StartNew();
FlowGov.Scheduling.SchedulingOptions? used = null;
await using var host = await SchedulerHost.CreateAsync(data, o =>
{
    o.ReconcileOnStart = false;
    o.MaxConcurrency = maxConcurrency ?? o.MaxConcurrency;
    used = o;
});
host.Counter.Target = burst;
await host.PublishAsync(TimerWorkflows.WaitUntil());
var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

var later = TimeProvider.System.GetUtcNow().AddDays(1);
var input = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["at"] = later.ToString("O", CultureInfo.InvariantCulture) });
var seed = Stopwatch.StartNew();
var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
await Parallel.ForAsync(0, noopJob ? 0 : burst, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, ct) =>
{
    var r = await host.Engine.StartAsync("timer", new StartRequest { Input = input, StartedBy = "bench" }, cancellationToken: ct);
    var timer = r.BookmarksCreated.FirstOrDefault(b => b.Kind == BookmarkKind.Timer)
        ?? throw new InvalidOperationException($"Instance {r.Instance.Id} did not wait on its timer: {r.Instance.Status}; {string.Join("; ", r.Instance.Incidents.Select(i => i.ActivityId + ": " + i.Message))}");
    ids.Add(timer.Id);
});
var instancesTime = seed.Elapsed;
seed.Restart();
for (var i = 0; i < pending - burst; i += 1000)
{
    var n = Math.Min(1000, pending - burst - i);
    await QuartzTimerScheduler.ScheduleAsync(scheduler, Enumerable.Range(i, n).Select(k => ("bench-pending-" + k.ToString("D7", CultureInfo.InvariantCulture), later.AddSeconds(k % 86_000))), default);
}

var triggersTime = seed.Elapsed;

// What a commit that creates one timer costs Quartz with this many pending (the engine's commit observer path).
const int singles = 20;
seed.Restart();
for (var i = 0; i < singles; i++)
{
    await QuartzTimerScheduler.ScheduleAsync(scheduler, [("bench-single-" + i.ToString("D2", CultureInfo.InvariantCulture), later)], default);
}

var singleTime = seed.Elapsed / singles;
await scheduler.UnscheduleJobs(Enumerable.Range(0, singles).Select(i => TimerKeys.For("bench-single-" + i.ToString("D2", CultureInfo.InvariantCulture))).ToList(), default);

// All burst timers due in the same second, a few seconds from now.
var due = TimeProvider.System.GetUtcNow().AddSeconds(engineOnly ? 2 : 5);
due = new DateTimeOffset(due.Ticks - (due.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
if (noopJob)
{
    var noop = JobBuilder.Create<NoopTimerJob>().WithIdentity(new JobKey("noop", TimerKeys.Group)).StoreDurably(true).RequestRecovery(true).Build();
    NoopTimerJob.Target = burst;
    await scheduler.ScheduleJob(noop, Enumerable.Range(0, burst).Select(k => (ITrigger)TriggerBuilder.Create()
        .WithIdentity(TimerKeys.For("bench-burst-" + k.ToString("D5", CultureInfo.InvariantCulture)))
        .ForJob(noop.Key).StartAt(due)
        .WithSchedule(SimpleScheduleBuilder.Create().WithRepeatCount(0).WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build()).ToList(), ScheduleJobOptions.Replacing, default);
}
else if (!engineOnly)
{
    await QuartzTimerScheduler.ScheduleAsync(scheduler, ids.Select(id => (id, due)), default);
}

// A profiler can attach now and see only the burst (dotnet-trace collect -p <pid>).
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"burst due at {due:HH:mm:ss}, process {Environment.ProcessId}"));
if (!engineOnly)
{
    await host.StartAsync();
}

GC.Collect();
var managed = GC.GetTotalMemory(forceFullCollection: true);
var workingSet = Process.GetCurrentProcess().WorkingSet64;
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var groupBefore = host.Database.GroupCommitStatistics;
var uptimeBefore = File.ReadAllText("/proc/loadavg").Trim();
if (engineOnly)
{
    // What the timer job does for each fire, without Quartz: the resumes start at the due second.
    await Task.Delay(due - TimeProvider.System.GetUtcNow());
    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = used!.MaxConcurrency }, async (id, ct) =>
        await TimerJob.ResumeFiringAsync(host.Engine, id, ct));
}

await (noopJob ? NoopTimerJob.Reached.Task : host.Counter.Reached).WaitAsync(TimeSpan.FromMinutes(10));
var drained = TimeProvider.System.GetUtcNow() - due;
var cpuBurst = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var groupAfter = host.Database.GroupCommitStatistics;
var uptimeAfter = File.ReadAllText("/proc/loadavg").Trim();

await using var db = host.Database.CreateContext(DistrictScope.AllDistricts);
var resumedAt = noopJob
    ? NoopTimerJob.FiredAt.ToList()
    : await db.Journal.AsNoTracking().Where(j => j.ActivityId == "wait" && j.Kind == nameof(JournalKind.ActivityResumed)).Select(j => j.At).ToListAsync();
var lags = resumedAt.Select(at => (at - due).TotalMilliseconds).Order().ToArray();
double P(double q) => lags[Math.Min(lags.Length - 1, (int)Math.Ceiling(q * lags.Length) - 1)];
var quartzTriggers = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(TimerKeys.Group))).Count;

var c = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(c, $"| store | {(pg is null ? "SQLite (flowgov.db + quartz.db, synchronous=NORMAL)" : $"PostgreSQL {pg.Version} (fsync on), Quartz clustered")} |"));
Console.WriteLine(string.Create(c, $"| mode | {(noopJob ? "Quartz alone (no-op job)" : engineOnly ? "engine alone (no Quartz fire)" : "Quartz + engine (as the server)")} |"));
Console.WriteLine(string.Create(c, $"| Quartz jobs at once (= acquisition batch) | {used!.MaxConcurrency} |"));
Console.WriteLine(string.Create(c, $"| pending timers (Quartz triggers when the burst fired) | {quartzTriggers + burst:N0} |"));
Console.WriteLine(string.Create(c, $"| seeding: {burst:N0} waiting instances / {pending - burst:N0} triggers | {instancesTime.TotalSeconds:F1} s / {triggersTime.TotalSeconds:F1} s |"));
Console.WriteLine(string.Create(c, $"| scheduling one timer (as a commit does) with the triggers pending, mean of {singles} | {singleTime.TotalMilliseconds:F1} ms |"));
Console.WriteLine(string.Create(c, $"| burst: {burst:N0} timers due in the same second, fired | {lags.Length:N0} |"));
Console.WriteLine(string.Create(c, $"| fire lag p50 / p99 / max | {P(0.50):F0} ms / {P(0.99):F0} ms / {lags[^1]:F0} ms |"));
Console.WriteLine(string.Create(c, $"| whole burst done after its due second | {drained.TotalSeconds:F1} s ({burst / Math.Max(drained.TotalSeconds, 0.001):F0} timers/s) |"));
Console.WriteLine(string.Create(c, $"| process CPU (user + sys) during the burst | {cpuBurst.TotalSeconds:F2} s ({cpuBurst.TotalMilliseconds / burst:F2} ms per fire) |"));
Console.WriteLine(string.Create(c, $"| group commit during the burst: commits / batches | {groupAfter.Commits - groupBefore.Commits:N0} / {groupAfter.Batches - groupBefore.Batches:N0} |"));
Console.WriteLine(string.Create(c, $"| /proc/loadavg before / after the burst | {uptimeBefore} / {uptimeAfter} |"));
Console.WriteLine(string.Create(c, $"| process memory with the timers pending: managed heap / working set | {managed / 1048576.0:F0} MiB / {workingSet / 1048576.0:F0} MiB |"));
if (pg is null)
{
    Console.WriteLine(string.Create(c, $"| quartz.db size | {new FileInfo(Path.Combine(dir, "quartz.db")).Length / 1048576.0:F1} MiB |"));
}

Console.WriteLine(string.Create(c, $"| total run | {total.Elapsed.TotalSeconds:F0} s |"));
await host.DisposeAsync();
SqliteConnection.ClearAllPools();
if (!keep)
{
    Directory.Delete(dir, recursive: true);
}

/// <summary>Quartz alone: records when each burst trigger fired and does nothing else.</summary>
internal sealed class NoopTimerJob : IJob
{
    public static readonly System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset> FiredAt = new();
    public static readonly TaskCompletionSource Reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public static int Target { get; set; } = int.MaxValue;

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        FiredAt.Enqueue(TimeProvider.System.GetUtcNow());
        if (FiredAt.Count >= Target)
        {
            Reached.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }
}
