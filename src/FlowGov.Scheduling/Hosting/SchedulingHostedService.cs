using FlowGov.Scheduling.Recurring;
using FlowGov.Scheduling.Timers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FlowGov.Scheduling.Hosting;

/// <summary>
/// Starts Quartz with the host: the schema is provisioned when the scheduler is built (Quartz's
/// embedded 4.x script, created only if missing), then timers are reconciled with open bookmarks
/// and recurring triggers with published definitions, THEN the scheduler starts — so a timer that
/// came due while the server was down fires once, at once (misfire: fire now).
/// </summary>
public sealed class SchedulingHostedService(
    ISchedulerFactory factory, TimerReconciler reconciler, TriggerSync triggers, SchedulingOptions options, IServiceProvider services, ILogger<SchedulingHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        if (options.ReconcileOnStart)
        {
            var engine = options.Engine(services);
            await reconciler.ReconcileAsync(engine.Store, options.ReconcilePageSize, cancellationToken).ConfigureAwait(false);
            await triggers.SyncAllAsync(cancellationToken).ConfigureAwait(false);
        }

        await scheduler.Start(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Quartz scheduler {Name} started ({Store}).", options.SchedulerName, options.IsPostgres ? "PostgreSQL, clustered" : "SQLite");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.Shutdown(true, cancellationToken).ConfigureAwait(false);
    }
}
