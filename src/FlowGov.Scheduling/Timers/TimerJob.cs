using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FlowGov.Scheduling.Timers;

/// <summary>
/// "Resume bookmark X": the trigger's name is the bookmark id; the engine decides what happens.
/// A bookmark already consumed answers AlreadyDone, which is a no-op — so a repeated or late fire is harmless.
/// </summary>
public sealed class TimerJob(WorkflowEngine engine, ILogger<TimerJob> logger) : IJob
{
    public const string Actor = "system:timer";

    /// <summary>A resume that throws (the store busy or briefly unreachable) is fired again at once, this many times, before the timer is left to start-up reconciliation.</summary>
    public const int MaxRefires = 5;

    private static readonly AsyncLocal<string?> Firing = new();

    /// <summary>
    /// The bookmark whose trigger is firing on this flow: its one-shot trigger is deleted by Quartz when
    /// the job completes, so <see cref="QuartzTimerScheduler"/> need not unschedule it (one write less per fire).
    /// </summary>
    internal static string? FiringBookmark => Firing.Value;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A recovery trigger (the node that was running this fire died; see ResumeJob) has its own
        // generated name and carries the original trigger's key, whose name is the bookmark id.
        var bookmarkId = context.Recovering && context.RecoveringTriggerKey is { } original ? original.Name : context.Trigger.Key.Name;
        ResumeOutcome outcome;
        try
        {
            outcome = await ResumeFiringAsync(engine, bookmarkId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A one-shot trigger whose job failed is deleted like one that succeeded: refire it, or
            // the timer would wait for the next start-up's reconciliation.
            var again = context.RefireCount < MaxRefires;
            logger.LogError(ex, "Timer {BookmarkId}: resume failed (attempt {Attempt}){Again}.", bookmarkId, context.RefireCount + 1, again ? "; firing again" : "; left to reconciliation");
            throw new JobExecutionException(ex) { RefireImmediately = again };
        }

        if (outcome.Status is not (ResumeStatus.Resumed or ResumeStatus.AlreadyDone))
        {
            logger.LogWarning("Timer {BookmarkId}: {Status} — {Message}", bookmarkId, outcome.Status, outcome.Message);
        }
    }

    /// <summary>
    /// The engine half of a fire: resumes the bookmark while it counts as firing, so the commit
    /// observer leaves its trigger to Quartz. The benchmark times this alone (no Quartz) through it.
    /// </summary>
    internal static async ValueTask<ResumeOutcome> ResumeFiringAsync(WorkflowEngine engine, string bookmarkId, CancellationToken cancellationToken)
    {
        Firing.Value = bookmarkId;
        try
        {
            return await engine.ResumeAsync(bookmarkId, new ResumeInput(Actor), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Firing.Value = null;
        }
    }
}
