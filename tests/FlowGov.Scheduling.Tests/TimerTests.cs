using System.Globalization;
using System.Text.Json;
using FlowGov.Core.Runtime;
using FlowGov.Core.Time;
using FlowGov.Data;
using FlowGov.Scheduling.Host;
using FlowGov.Scheduling.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace FlowGov.Scheduling.Tests;

/// <summary>Real Quartz on its persistent SQLite store (quartz.db beside flowgov.db) in a temp directory.</summary>
public sealed class TimerTests() : SchedulerDataTests("sched")
{
    [Fact]
    public async Task Timer_DueInOneSecond_FiresAndResumesInstance()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        host.Counter.Target = 1;
        await host.StartAsync();
        await host.PublishAsync(TimerWorkflows.WaitUntil());

        var result = await host.Engine.StartAsync("timer", Start(TimeSpan.FromSeconds(1)));
        await host.Counter.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        var instance = await host.Engine.Store.LoadInstanceAsync(result.Instance.Id);
        Assert.Equal(InstanceStatus.Completed, instance!.Status);
        Assert.Equal(1, await ResumedWaitsAsync(host, result.Instance.Id));
        Assert.True(File.Exists(QuartzDb));
    }

    [Fact]
    public async Task Timer_ScheduledTwice_FiresOnce()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        host.Counter.Target = 1;
        await host.PublishAsync(TimerWorkflows.WaitUntil());
        var result = await host.Engine.StartAsync("timer", Start(TimeSpan.FromMilliseconds(500)));
        var timer = result.BookmarksCreated.Single(b => b.Kind == BookmarkKind.Timer);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await QuartzTimerScheduler.ScheduleAsync(scheduler, [(timer.Id, timer.DueAt!.Value)], default);

        await host.StartAsync();
        await host.Counter.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await ResumedWaitsAsync(host, result.Instance.Id));
    }

    [Fact]
    public async Task Reconcile_TriggerLostAndOrphanLeft_CreatesMissingRemovesOrphan()
    {
        await using var host = await SchedulerHost.CreateAsync(Data(), o => o.ReconcileOnStart = false);
        await host.PublishAsync(TimerWorkflows.WaitUntil());
        var result = await host.Engine.StartAsync("timer", Start(TimeSpan.FromHours(1)));
        var timer = result.BookmarksCreated.Single(b => b.Kind == BookmarkKind.Timer);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.UnscheduleJob(TimerKeys.For(timer.Id));                                       // a crash between commit and scheduling
        await QuartzTimerScheduler.ScheduleAsync(scheduler, [("gone-bookmark", TimeProvider.System.GetUtcNow().AddHours(1))], default); // a trigger whose bookmark is gone

        var report = await host.Services.GetRequiredService<TimerReconciler>().ReconcileAsync(host.Engine.Store);

        Assert.Equal(new ReconcileReport(OpenTimers: 1, TriggersFound: 1, Created: 1, OrphansRemoved: 1), report);
        Assert.True(await scheduler.Exists(TimerKeys.For(timer.Id)));
        Assert.False(await scheduler.Exists(TimerKeys.For("gone-bookmark")));
    }

    [Fact]
    public async Task Misfire_TimerCameDueWhileDown_FiresOnceOnStart()
    {
        string instanceId;
        // The instance was started 3 minutes ago with a timer that came due 2 minutes ago (beyond the
        // 30 s misfire threshold) while no scheduler ran: an engine whose clock reads 3 minutes back.
        var past = new ManualClock(TimeProvider.System.GetUtcNow().AddMinutes(-3));
        await using (var down = await SchedulerHost.CreateAsync(Data(), clock: past))
        {
            await down.PublishAsync(TimerWorkflows.WaitUntil());
            var at = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["at"] = past.GetUtcNow().AddMinutes(1).ToString("O", CultureInfo.InvariantCulture) });
            instanceId = (await down.Engine.StartAsync("timer", new StartRequest { Input = at })).Instance.Id;
        }

        await using var host = await SchedulerHost.CreateAsync(Data());
        host.Counter.Target = 1;
        await host.StartAsync();
        await host.Counter.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // The completion is seen at the engine's commit, while the job (and its trigger) may still be
        // running: a shutdown that waits for running jobs, then the store itself, show what is left.
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Shutdown(waitForJobsToComplete: true);
        Assert.Equal(1, await ResumedWaitsAsync(host, instanceId));
        await using var quartz = new SqliteConnection("Data Source=" + QuartzDb);
        await quartz.OpenAsync();
        await using var count = quartz.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_group = 'flowgov-timers'";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    internal static async Task<int> ResumedWaitsAsync(SchedulerHost host, string instanceId)
    {
        await using var db = host.Database.CreateContext(DistrictScope.AllDistricts);
        return await db.Journal.CountAsync(j => j.InstanceId == instanceId && j.ActivityId == "wait" && j.Kind == nameof(JournalKind.ActivityResumed));
    }

    internal static StartRequest Start(TimeSpan dueIn) => new()
    {
        Input = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["at"] = (TimeProvider.System.GetUtcNow() + dueIn).ToString("O", CultureInfo.InvariantCulture) }),
        StartedBy = "test",
    };
}
