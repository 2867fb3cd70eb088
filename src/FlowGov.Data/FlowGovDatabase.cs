using System.Collections.Concurrent;
using FlowGov.Core.Definitions;
using FlowGov.Data.Commits;
using FlowGov.Data.Migrations;
using FlowGov.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FlowGov.Data;

/// <summary>
/// The configured database: builds scoped contexts and applies the migrations of its provider at
/// start-up. Thread-safe; one per process. Disposing it finishes queued commits and closes the
/// SQLite writer's connection.
/// </summary>
public sealed class FlowGovDatabase : IAsyncDisposable, IDisposable
{
    // Context pools: building a context's services (a DI scope resolving dozens of EF services) cost
    // more CPU than the queries of a task transition, which opens three contexts. One pool per scope
    // kind, because a pooled context keeps the model (with or without the district filter) it was
    // first built with; see FlowGovDbContext.Lease.
    private readonly IDbContextFactory<FlowGovDbContext> _districtContexts;
    private readonly IDbContextFactory<FlowGovDbContext> _allDistrictContexts;

    public FlowGovDatabase(FlowGovDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.WalAutoCheckpointPages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WalAutoCheckpointPages, $"{nameof(FlowGovDataOptions)}.{nameof(FlowGovDataOptions.WalAutoCheckpointPages)} must be at least 1 page: 0 or less would stop SQLite's automatic checkpoints and let the WAL grow without end.");
        }

        Options = options;
        if (options.Provider == StoreProvider.PostgreSql)
        {
            var postgres = ConfigurePostgres(new DbContextOptionsBuilder<PostgresFlowGovDbContext>(), options.ConnectionString!).Options;
            _districtContexts = new ContextPool<PostgresFlowGovDbContext>(postgres);
            _allDistrictContexts = new ContextPool<PostgresFlowGovDbContext>(postgres);
        }
        else
        {
            var sqlite = ConfigureSqlite(new DbContextOptionsBuilder<SqliteFlowGovDbContext>(), options).Options;
            _districtContexts = new ContextPool<SqliteFlowGovDbContext>(sqlite);
            _allDistrictContexts = new ContextPool<SqliteFlowGovDbContext>(sqlite);
        }

        WriteSessions = new WriteSessions(this);
        Reads = new ReadSessions(this);
        if (options.UsesGroupCommit)
        {
            GroupCommits = new GroupCommitQueue(this);
        }
    }

    /// <summary>Where advances get their write transaction (on SQLite, the one long-lived writer).</summary>
    internal WriteSessions WriteSessions { get; }

    /// <summary>The statements advances are written with: the same set the write sessions' contexts (all districts) have.</summary>
    internal TransitionStatements Statements => _statements ??= StatementsOfTheWriteModel();

    private TransitionStatements? _statements;

    private TransitionStatements StatementsOfTheWriteModel()
    {
        using var db = CreateContext(DistrictScope.AllDistricts);
        return TransitionStatements.For(db);
    }

    /// <summary>Where the reads every transition makes get their connection (on SQLite, kept open).</summary>
    internal ReadSessions Reads { get; }

    /// <summary>Published definition versions by (requested district, key, version): immutable once published.</summary>
    internal ConcurrentDictionary<(string? District, string Key, int Version), WorkflowDefinition> PublishedVersions { get; } = new();


    /// <summary>The group-commit writer of this database, or null when every advance commits alone.</summary>
    internal GroupCommitQueue? GroupCommits { get; }

    /// <summary>Group-commit batches written so far, the advances in them and the writer's time on them (zeros without group commit).</summary>
    public (long Batches, long Commits, TimeSpan WriterBusy) GroupCommitStatistics => GroupCommits is { } q ? (q.Batches, q.Members, q.Busy) : (0, 0, TimeSpan.Zero);

    public FlowGovDataOptions Options { get; }

    public StoreProvider Provider => Options.Provider;

    /// <summary>A context for one unit of work in <paramref name="scope"/>; disposing it returns it to its pool (reset).</summary>
    public FlowGovDbContext CreateContext(DistrictScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return (scope.IsAllDistricts ? _allDistrictContexts : _districtContexts).CreateDbContext().Lease(scope);
    }

    /// <summary>Creates the data directory (SQLite) and applies every pending schema script; safe to run on each start.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == StoreProvider.Sqlite && Options.ConnectionString is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Options.SqliteFilePath)!);
        }

        var context = CreateContext(DistrictScope.AllDistricts);
        await using (context.ConfigureAwait(false))
        {
            if (Provider == StoreProvider.Sqlite)
            {
                // Persistent in the file: every later connection is in WAL mode (ADR 0002).
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }

            await SchemaMigrator.MigrateAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (GroupCommits is { } queue)
        {
            await queue.CompleteAsync().ConfigureAwait(false);
        }

        await WriteSessions.DisposeAsync().ConfigureAwait(false);
        Reads.Dispose();
    }

    /// <summary>For containers that dispose synchronously; blocks until queued commits are written.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal static DbContextOptionsBuilder<PostgresFlowGovDbContext> ConfigurePostgres(DbContextOptionsBuilder<PostgresFlowGovDbContext> builder, string connectionString) =>
        UseDistrictModels(builder.UseNpgsql(connectionString));

    // Here rather than in OnConfiguring: a pooled context may not change its options, and changing them
    // on every context made EF look its service provider up by comparing whole option sets.
    private static DbContextOptionsBuilder<TContext> UseDistrictModels<TContext>(DbContextOptionsBuilder<TContext> builder)
        where TContext : FlowGovDbContext
    {
        builder.ReplaceService<IModelCacheKeyFactory, DistrictModelCacheKeyFactory>();
        return builder;
    }

    /// <summary>EF's context pool, typed as the base context so both providers share <see cref="CreateContext"/>.</summary>
    private sealed class ContextPool<TContext>(DbContextOptions<TContext> options) : IDbContextFactory<FlowGovDbContext>
        where TContext : FlowGovDbContext
    {
        private readonly PooledDbContextFactory<TContext> _pool = new(options);

        public FlowGovDbContext CreateDbContext() => _pool.CreateDbContext();
    }

    internal static DbContextOptionsBuilder<SqliteFlowGovDbContext> ConfigureSqlite(DbContextOptionsBuilder<SqliteFlowGovDbContext> builder, FlowGovDataOptions options)
    {
        CoalescingWalVfs.EnsureRegistered();
        var cs = new SqliteConnectionStringBuilder(options.ConnectionString ?? string.Empty);
        if (options.ConnectionString is null)
        {
            cs.DataSource = options.SqliteFilePath;
        }

        cs.Pooling = true;
        cs.DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        builder.UseSqlite(cs.ToString());
        builder.AddInterceptors(new SqlitePragmaInterceptor(options.Synchronous, options.WalAutoCheckpointPages, options.BusyTimeout));
        return UseDistrictModels(builder);
    }
}
