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

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bookmarkId = context.Trigger.Key.Name;
        var outcome = await engine.ResumeAsync(bookmarkId, new ResumeInput(Actor), cancellationToken).ConfigureAwait(false);
        if (outcome.Status is not (ResumeStatus.Resumed or ResumeStatus.AlreadyDone))
        {
            logger.LogWarning("Timer {BookmarkId}: {Status} — {Message}", bookmarkId, outcome.Status, outcome.Message);
        }
    }
}
