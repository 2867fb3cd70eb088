using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FlowGov.Scheduling.Timers;

/// <summary>
/// The engine's <see cref="ICommitObserver"/>: after a commit, schedules the timers it created that
/// are still open and unschedules the ones it removed. A failure is logged, never thrown — the
/// commit stands, and start-up reconciliation (<see cref="TimerReconciler"/>) repairs the schedule.
/// </summary>
public sealed class QuartzTimerScheduler(ISchedulerFactory factory, ILogger<QuartzTimerScheduler> logger) : ICommitObserver
{
    public async ValueTask OnCommittedAsync(RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        List<Bookmark>? open = null;
        List<TriggerKey>? removed = null;
        foreach (var b in result.BookmarksCreated)
        {
            if (b.Kind == BookmarkKind.Timer && b.DueAt is not null && result.Instance.FindBookmark(b.Id) is not null)
            {
                (open ??= []).Add(b);
            }
        }

        var firing = TimerJob.FiringBookmark;
        foreach (var b in result.BookmarksRemoved)
        {
            if (b.Kind == BookmarkKind.Timer && b.Id != firing)
            {
                (removed ??= []).Add(TimerKeys.For(b.Id));
            }
        }

        if (open is null && removed is null)
        {
            return;
        }

        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
            if (open is not null)
            {
                await ScheduleAsync(scheduler, open.Select(b => (b.Id, b.DueAt!.Value)), cancellationToken).ConfigureAwait(false);
            }

            if (removed is not null)
            {
                await scheduler.UnscheduleJobs(removed, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Scheduling timers of instance {InstanceId} failed; start-up reconciliation will repair it.", result.Instance.Id);
        }
    }

    /// <summary>Schedules (or re-schedules, harmlessly) one trigger per timer bookmark on the shared resume job.</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, IEnumerable<(string BookmarkId, DateTimeOffset DueAt)> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var triggers = timers.Select(t => Trigger(t.BookmarkId, t.DueAt)).ToList();
        if (triggers.Count > 0)
        {
            await scheduler.ScheduleJob(ResumeJob(), triggers, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The one durable job every timer trigger fires. It requests recovery: when a clustered node dies
    /// while resuming, another node fires the same bookmark again (a one-shot trigger is gone once fired,
    /// and the surviving node never runs start-up reconciliation). A resume that had committed answers
    /// AlreadyDone, so recovery never makes a timer fire twice.
    /// </summary>
    public static IJobDetail ResumeJob() => JobBuilder.Create<TimerJob>().WithIdentity(TimerKeys.Job).StoreDurably(true).RequestRecovery(true).Build();

    /// <summary>Fires once at <paramref name="dueAt"/>; when that passed while no scheduler ran, fires once as soon as one does.</summary>
    public static ITrigger Trigger(string bookmarkId, DateTimeOffset dueAt) =>
        TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity(TimerKeys.For(bookmarkId))
            .ForJob(TimerKeys.Job)
            .StartAt(dueAt)
            .WithSchedule(SimpleScheduleBuilder.Create().WithRepeatCount(0).WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}
