using Quartz;

namespace FlowGov.Server.Hosting;

/// <summary>Ready when the Quartz scheduler in this process is running (not created, in standby or shut down).</summary>
public sealed class QuartzSchedulerStatus(ISchedulerFactory factory) : ISchedulerStatus
{
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        return scheduler.Status switch
        {
            SchedulerStatus.Running => null,
            SchedulerStatus.Shutdown or SchedulerStatus.ShuttingDown => "The scheduler has shut down.",
            var other => $"The scheduler is {other.ToString().ToLowerInvariant()}, not running.",
        };
    }
}
