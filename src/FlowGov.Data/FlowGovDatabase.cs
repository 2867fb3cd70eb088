using FlowGov.Data.Commits;
using FlowGov.Data.Migrations;
using FlowGov.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data;

/// <summary>
/// The configured database: builds scoped contexts and applies the migrations of its provider at
/// start-up. Thread-safe; one per process.
/// </summary>
public sealed class FlowGovDatabase
{
    private readonly DbContextOptions<SqliteFlowGovDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresFlowGovDbContext>? _postgres;

    public FlowGovDatabase(FlowGovDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        if (options.Provider == StoreProvider.PostgreSql)
        {
            _postgres = ConfigurePostgres(new DbContextOptionsBuilder<PostgresFlowGovDbContext>(), options.ConnectionString!).Options;
        }
        else
        {
            _sqlite = ConfigureSqlite(new DbContextOptionsBuilder<SqliteFlowGovDbContext>(), options).Options;
        }

        if (options.UsesGroupCommit)
        {
            GroupCommits = new GroupCommitQueue(this);
        }
    }

    /// <summary>The group-commit writer of this database, or null when every advance commits alone.</summary>
    internal GroupCommitQueue? GroupCommits { get; }

    /// <summary>Group-commit batches written so far and the advances in them (0 / 0 without group commit).</summary>
    public (long Batches, long Commits) GroupCommitStatistics => GroupCommits is { } q ? (q.Batches, q.Members) : (0, 0);

    public FlowGovDataOptions Options { get; }

    public StoreProvider Provider => Options.Provider;

    public FlowGovDbContext CreateContext(DistrictScope scope) => _postgres is not null
        ? new PostgresFlowGovDbContext(_postgres, scope)
        : new SqliteFlowGovDbContext(_sqlite!, scope);

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

    internal static DbContextOptionsBuilder<PostgresFlowGovDbContext> ConfigurePostgres(DbContextOptionsBuilder<PostgresFlowGovDbContext> builder, string connectionString) =>
        builder.UseNpgsql(connectionString);

    internal static DbContextOptionsBuilder<SqliteFlowGovDbContext> ConfigureSqlite(DbContextOptionsBuilder<SqliteFlowGovDbContext> builder, FlowGovDataOptions options)
    {
        var cs = new SqliteConnectionStringBuilder(options.ConnectionString ?? string.Empty);
        if (options.ConnectionString is null)
        {
            cs.DataSource = options.SqliteFilePath;
        }

        cs.Pooling = true;
        cs.DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        builder.UseSqlite(cs.ToString());
        builder.AddInterceptors(new SqlitePragmaInterceptor(options.Synchronous, options.BusyTimeout));
        return builder;
    }
}
