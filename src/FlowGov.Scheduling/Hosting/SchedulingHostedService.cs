using FlowGov.Scheduling.Recurring;
using FlowGov.Scheduling.Sqlite;
using FlowGov.Scheduling.Timers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FlowGov.Scheduling.Hosting;

/// <summary>
/// Starts Quartz with the host: the schema is provisioned when the scheduler is built (Quartz's
/// embedded 4.x script, created only if missing); the scheduler starts, THEN timers are reconciled
/// with open bookmarks and recurring triggers with published definitions. A timer that came due
/// while the server was down fires once, at once (misfire: fire now).
/// </summary>
/// <remarks>
/// Reconciling after the start is what makes a kill safe: starting runs Quartz's recovery, which
/// deletes the trigger of every fire that was executing when the process died (a one-shot trigger
/// is stored COMPLETE once fired). When its bookmark was not consumed yet, only a reconciliation
/// that runs after that recovery sees the trigger missing and schedules it again; one that ran
/// before saw the COMPLETE row, left it, and the timer never fired (the restart test's stall).
/// Reconciling a running scheduler is safe: scheduling a timer twice replaces the same trigger, and
/// a fire for a consumed bookmark is a no-op.
/// </remarks>
public sealed class SchedulingHostedService(
    ISchedulerFactory factory, TimerReconciler reconciler, TriggerSync triggers, SchedulingOptions options, IServiceProvider services, ILogger<SchedulingHostedService> logger) : IHostedService
{
    private IScheduler? _started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var (connectionString, provider) = options.ResolvedConnectionString();
        if (provider == FlowGov.Data.StoreProvider.Sqlite)
        {
            // Built (so provisioned) but not started: no acquisition has planned its queries yet.
            await QuartzSqliteStatistics.WriteAsync(connectionString, options.TablePrefix, cancellationToken).ConfigureAwait(false);
        }

        await scheduler.Start(cancellationToken).ConfigureAwait(false);
        _started = scheduler;
        if (options.ReconcileOnStart)
        {
            var engine = options.Engine(services);
            await reconciler.ReconcileAsync(engine.Store, options.ReconcilePageSize, cancellationToken).ConfigureAwait(false);
            await triggers.SyncAllAsync(cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Quartz scheduler {Name} started ({Store}).", options.SchedulerName, options.IsPostgres ? "PostgreSQL, clustered" : "SQLite");
    }

    /// <summary>
    /// Shuts down the scheduler this service started and waits for its running jobs, while the
    /// container they resolve from is still alive. It never asks the factory: after a shutdown the
    /// factory builds a NEW scheduler under the same name, which outlived the host it was built in.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, null) is { } scheduler)
        {
            await scheduler.Shutdown(true, cancellationToken).ConfigureAwait(false);
        }
    }
}
