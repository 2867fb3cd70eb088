using FlowGov.Core.Persistence;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FlowGov.Scheduling.Timers;

/// <summary>
/// Start-up repair of the schedule: every open timer bookmark has a trigger, and no trigger is left
/// for a bookmark that is gone. Quartz is listed BEFORE the store, so a timer committed during the
/// walk is never taken for an orphan (at worst it is scheduled twice, which replaces the same row).
/// </summary>
public sealed class TimerReconciler(ISchedulerFactory factory, ILogger<TimerReconciler> logger)
{
    private const int Batch = 500;

    public async Task<ReconcileReport> ReconcileAsync(IWorkflowStore store, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var scheduled = new HashSet<string>(StringComparer.Ordinal);
        for (var skip = 0; ; skip += pageSize)
        {
            var page = await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(TimerKeys.Group), Skip = skip, Take = pageSize }, cancellationToken).ConfigureAwait(false);
            foreach (var t in page.Items)
            {
                scheduled.Add(t.Key.Name);
            }

            if (!page.HasMore)
            {
                break;
            }
        }

        var open = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<(string, DateTimeOffset)>();
        var created = 0;
        string? after = null;
        while (true)
        {
            var page = await store.ListOpenTimersAsync(after, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var b in page)
            {
                open.Add(b.BookmarkId);
                if (b.DueAt is { } due && !scheduled.Contains(b.BookmarkId))
                {
                    missing.Add((b.BookmarkId, due));
                }
            }

            if (missing.Count >= Batch || (page.Count < pageSize && missing.Count > 0))
            {
                await QuartzTimerScheduler.ScheduleAsync(scheduler, missing, cancellationToken).ConfigureAwait(false);
                created += missing.Count;
                missing.Clear();
            }

            if (page.Count < pageSize)
            {
                break;
            }

            after = page[^1].BookmarkId;
        }

        var orphans = scheduled.Where(id => !open.Contains(id)).Select(TimerKeys.For).ToList();
        for (var i = 0; i < orphans.Count; i += Batch)
        {
            await scheduler.UnscheduleJobs(orphans.GetRange(i, Math.Min(Batch, orphans.Count - i)), cancellationToken).ConfigureAwait(false);
        }

        var report = new ReconcileReport(open.Count, scheduled.Count, created, orphans.Count);
        logger.LogInformation("Timer reconciliation: {Report}", report);
        return report;
    }
}
