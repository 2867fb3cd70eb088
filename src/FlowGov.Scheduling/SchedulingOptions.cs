using FlowGov.Core.Hosting;
using FlowGov.Data;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGov.Scheduling;

/// <summary>
/// How FlowGov runs Quartz. The job store follows the FlowGov store: SQLite → its own file
/// <c>quartz.db</c> beside <c>flowgov.db</c> (ADR 0004); PostgreSQL → the same database, clustered.
/// </summary>
public sealed class SchedulingOptions
{
    public const string DefaultFileName = "quartz.db";

    /// <summary>Where FlowGov's own store is; the Quartz store is derived from it unless <see cref="ConnectionString"/> is set.</summary>
    public FlowGovDataOptions Data { get; set; } = new();

    /// <summary>Overrides the derived Quartz connection string (SQLite <c>Data Source=…</c> or PostgreSQL <c>Host=…</c>).</summary>
    public string? ConnectionString { get; set; }

    public string TablePrefix { get; set; } = "qrtz_";

    /// <summary>Nodes of one cluster share the name; each gets its own generated instance id.</summary>
    public string SchedulerName { get; set; } = "flowgov";

    /// <summary>Clustering; null = on for PostgreSQL, off for SQLite (a file has one node).</summary>
    public bool? Clustered { get; set; }

    /// <summary>
    /// Jobs that run at once (each resumes one bookmark). A resume mostly waits on the store, so more
    /// jobs than cores keep the store's group commit fed; 32 against 8 measured in ADR 0036. It is also
    /// Quartz 4.7's batch size for a persistent store: triggers due together are acquired and marked
    /// fired this many per transaction (no fire-ahead window, so a timer never fires early).
    /// </summary>
    public int MaxConcurrency { get; set; } = 32;


    /// <summary>
    /// How late a timer may fire before it counts as misfired (it then fires once, at once, through
    /// Quartz's misfire handler). Either way it fires once; a threshold well above a backlog's drain
    /// time keeps a catch-up after restart on the ordinary, batched acquisition path.
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often Quartz looks for misfired triggers; each pass re-arms up to <see cref="MaxMisfiresPerPass"/>.</summary>
    public TimeSpan MisfireHandlerFrequency { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Quartz's default of 20 re-armed 20 overdue timers per pass: a backlog of hundreds trickled out over minutes.</summary>
    public int MaxMisfiresPerPass { get; set; } = 500;

    /// <summary>Compare open timer bookmarks with Quartz triggers at start-up (create missing, delete orphans).</summary>
    public bool ReconcileOnStart { get; set; } = true;

    public int ReconcilePageSize { get; set; } = 1000;

    /// <summary>Time zone of recurring starts for districts without a calendar.</summary>
    public string DefaultTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// The engine jobs resume with; it must see every district (its store in <c>DistrictScope.AllDistricts</c>).
    /// Default: the <see cref="WorkflowEngine"/> registered in the container.
    /// </summary>
    public Func<IServiceProvider, WorkflowEngine> Engine { get; set; } = sp => sp.GetRequiredService<WorkflowEngine>();

    /// <summary>The FlowGov database seen by every district (definitions, districts, calendars for <see cref="Recurring.TriggerSync"/>). Default: the container's.</summary>
    public Func<IServiceProvider, FlowGovDatabase> Database { get; set; } = sp => sp.GetRequiredService<FlowGovDatabase>();

    public bool IsPostgres => ResolvedConnectionString().Provider == StoreProvider.PostgreSql;

    /// <summary>The Quartz store's connection string and provider.</summary>
    public (string ConnectionString, StoreProvider Provider) ResolvedConnectionString()
    {
        var cs = ConnectionString;
        if (cs is null)
        {
            if (Data.Provider == StoreProvider.PostgreSql)
            {
                return (Data.ConnectionString!, StoreProvider.PostgreSql);
            }

            cs = "Data Source=" + Path.GetFullPath(Path.Combine(Data.DataDirectory, DefaultFileName));
        }

        return (cs, new FlowGovDataOptions { ConnectionString = cs }.Provider);
    }
}
