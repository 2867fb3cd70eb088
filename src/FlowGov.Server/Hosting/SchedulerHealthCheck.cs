using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlowGov.Server.Hosting;

/// <summary>Reports the scheduler through <see cref="ISchedulerStatus"/>; degraded (still ready) while none is installed.</summary>
internal sealed class SchedulerHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = services.GetService<ISchedulerStatus>();
        if (scheduler is null)
        {
            return HealthCheckResult.Degraded("No scheduler installed: timers and deadlines do not fire (FlowGov.Scheduling not merged yet).");
        }

        return await scheduler.ProblemAsync(cancellationToken) is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy("Scheduler runs.");
    }
}
