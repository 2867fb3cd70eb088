using FlowGov.Core.Hosting;
using FlowGov.Core.Scripting;
using FlowGov.Data;
using FlowGov.Scheduling.Hosting;
using FlowGov.Scheduling.Recurring;
using FlowGov.Scheduling.Sqlite;
using FlowGov.Scheduling.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace FlowGov.Scheduling;

/// <summary>Registers FlowGov's scheduling: Quartz on a persistent store, the engine's commit observer, reconciliation and recurring starts.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Adds Quartz (persistent ADO store; SQLite file or clustered PostgreSQL), <see cref="ICommitObserver"/>
    /// (pass it to <see cref="WorkflowEngine"/>: register the engine with a factory that resolves it),
    /// <see cref="TimerReconciler"/>, <see cref="TriggerSync"/> and a hosted service that reconciles and starts the scheduler.
    /// The container must provide a <see cref="WorkflowEngine"/> that sees every district, a <see cref="FlowGovDatabase"/> and the <see cref="IScriptHost"/> (trigger input scripts)
    /// (or set <see cref="SchedulingOptions.Engine"/> / <see cref="SchedulingOptions.Database"/>).
    /// </summary>
    public static IServiceCollection AddFlowGovScheduling(this IServiceCollection services, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var (connectionString, provider) = options.ResolvedConnectionString();
        if (provider == StoreProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
            {
                Directory.CreateDirectory(dir);
            }
        }

        services.AddSingleton(options);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = options.SchedulerName;
                s.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(options.MaxConcurrency);
            q.UsePersistentStore(store =>
            {
                store.ConfigureStore(s =>
                {
                    s.TablePrefix = options.TablePrefix;
                    s.StoreJobDataAsStrings = true;
                    s.MisfireThreshold = options.MisfireThreshold;
                    s.MisfireHandlerFrequency = options.MisfireHandlerFrequency;
                    s.MaxMisfiresToHandleAtATime = options.MaxMisfiresPerPass;
                });
                store.ProvisionSchema();
                if (provider == StoreProvider.PostgreSql)
                {
                    store.UsePostgres(connectionString);
                    if (options.Clustered ?? true)
                    {
                        store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                    }
                }
                else
                {
                    store.UseSqlite(QuartzSqliteFactory.Instance, connectionString);
                }
            });
        });
        services.AddTransient(sp => new TimerJob(options.Engine(sp), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TimerJob>>()));
        services.AddTransient(sp => new RecurringStartJob(options.Engine(sp), options.Database(sp), sp.GetRequiredService<IScriptHost>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RecurringStartJob>>()));
        services.AddSingleton<QuartzTimerScheduler>();
        services.AddSingleton<ICommitObserver>(sp => sp.GetRequiredService<QuartzTimerScheduler>());
        services.AddSingleton<TimerReconciler>();
        services.AddSingleton(sp => new TriggerSync(sp.GetRequiredService<ISchedulerFactory>(), options.Database(sp), options, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TriggerSync>>()));
        services.AddSingleton<SchedulingHostedService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SchedulingHostedService>());
        return services;
    }
}
