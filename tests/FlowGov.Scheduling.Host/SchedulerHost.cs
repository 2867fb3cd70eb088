using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;
using FlowGov.Data;
using FlowGov.Data.Calendars;
using FlowGov.Data.Org;
using FlowGov.Data.Versioning;
using FlowGov.Scheduling.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowGov.Scheduling.Host;

/// <summary>
/// A FlowGov engine with Quartz scheduling on a data directory (SQLite) or a PostgreSQL database,
/// wired as the server wires it: the engine's commit observer schedules timers after commit.
/// </summary>
public sealed class SchedulerHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private bool _started;
    private bool _disposed;

    private SchedulerHost(ServiceProvider services, CompletionCounter counter)
    {
        _services = services;
        Counter = counter;
    }

    public CompletionCounter Counter { get; }

    public IServiceProvider Services => _services;

    public WorkflowEngine Engine => _services.GetRequiredService<WorkflowEngine>();

    public FlowGovDatabase Database => _services.GetRequiredService<FlowGovDatabase>();

    public DefinitionService Definitions => _services.GetRequiredService<DefinitionService>();

    /// <param name="observer">Told of every commit after Quartz and <see cref="Counter"/> (a cluster node prints its completions with it).</param>
    public static async Task<SchedulerHost> CreateAsync(FlowGovDataOptions data, Action<SchedulingOptions>? configure = null, TimeProvider? clock = null, ICommitObserver? observer = null)
    {
        var database = new FlowGovDatabase(data);
        await database.MigrateAsync().ConfigureAwait(false);
        var options = new SchedulingOptions { Data = data };
        configure?.Invoke(options);
        var counter = new CompletionCounter();
        var time = clock ?? TimeProvider.System;
        var services = new ServiceCollection();
        // FLOWGOV_HOST_LOG=Information (or Debug, Warning…) logs FlowGov and Quartz to stderr: what a stalled run is diagnosed with.
        if (Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("FLOWGOV_HOST_LOG"), out var level))
        {
            services.AddLogging(b => b.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(level)
                .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning));
        }
        else
        {
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        }

        services.AddSingleton(database);
        // The 100 ms wall-clock script limit faulted `vars.at` on a machine at load 30 (a run of the
        // benchmark and of the cluster test lost instances to it); these hosts test scheduling, not
        // the script limit, so they allow a starved CPU ten seconds.
        services.AddSingleton<IScriptHost>(_ => new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromSeconds(10) }));
        services.AddSingleton(sp => new DefinitionCompiler(ActivityRegistry.Default, sp.GetRequiredService<IScriptHost>()));
        services.AddSingleton(sp => new DefinitionService(database, DistrictScope.AllDistricts, sp.GetRequiredService<DefinitionCompiler>(), time));
        services.AddSingleton(sp => new StoreCalendarProvider(database, time));
        services.AddSingleton(sp => new WorkflowEngine(
            new EfWorkflowStore(database, DistrictScope.AllDistricts),
            new DefinitionCache(sp.GetRequiredService<DefinitionCompiler>()),
            new WorkflowRunner(sp.GetRequiredService<IScriptHost>(), time, new SortableIdGenerator(time), sp.GetRequiredService<StoreCalendarProvider>(), null, new OrgUnitDirectory(database, time)),
            observer is null
                ? new CompositeObserver(sp.GetRequiredService<QuartzTimerScheduler>(), counter)
                : new CompositeObserver(sp.GetRequiredService<QuartzTimerScheduler>(), counter, observer)));
        services.AddFlowGovScheduling(options);
        return new SchedulerHost(services.BuildServiceProvider(), counter);
    }

    /// <summary>Provisions, reconciles and starts Quartz (what the server's host does at start-up).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var s in _services.GetServices<IHostedService>())
        {
            await s.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        _started = true;
    }

    /// <summary>Saves and publishes a definition; returns its version.</summary>
    public async Task<int> PublishAsync(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var author = new AuditActor("test", "local");
        var draft = await Definitions.GetDraftAsync(definition.District, definition.Key).ConfigureAwait(false);
        var revision = await Definitions.SaveDraftAsync(definition, draft?.Revision ?? 0, author).ConfigureAwait(false);
        return (await Definitions.PublishAsync(definition.District, definition.Key, revision, "test", author).ConfigureAwait(false)).Version;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_started)
        {
            foreach (var s in _services.GetServices<IHostedService>())
            {
                await s.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
