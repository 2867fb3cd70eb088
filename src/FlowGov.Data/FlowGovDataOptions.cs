namespace FlowGov.Data;

/// <summary>
/// Where the store lives. Without a connection string it is SQLite at
/// <see cref="DataDirectory"/>/flowgov.db; a PostgreSQL connection string (<c>Host=…</c>) selects PostgreSQL.
/// </summary>
public sealed record FlowGovDataOptions
{
    public const string DefaultFileName = "flowgov.db";

    /// <summary>A PostgreSQL (<c>Host=…;Database=…</c>) or SQLite (<c>Data Source=…</c>) connection string; null for the default SQLite file.</summary>
    public string? ConnectionString { get; init; }

    public string DataDirectory { get; init; } = "./data";

    /// <summary>FULL by default: a transition we acknowledged must survive a power loss (ADR 0002).</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>
    /// WAL pages after which a SQLite commit copies the WAL back into the database file (SQLite's
    /// <c>wal_autocheckpoint</c>; its default is 1,000). The copy and its fsync run inside the commit
    /// that crosses the mark, so every caller of that commit waits for them; a longer interval copies
    /// a page rewritten by many advances once instead of once per 1,000 pages. 8,000 pages (a WAL of
    /// up to 32 MB) wrote 10 % fewer bytes per advance and sped group commit up 16–37 % in four of five
    /// alternating runs (docs/benchmarks.md). Must be positive: 0 would let the WAL grow without end.
    /// </summary>
    public int WalAutoCheckpointPages { get; init; } = 8000;

    /// <summary>How long a SQLite writer waits for the write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Batch concurrent advances into one transaction (ADR 0015): one durable flush for all of them,
    /// each caller still getting its own optimistic-concurrency outcome. False = one transaction per
    /// advance. Null (default) = on for SQLite, whose writers queue on one lock anyway, and off for
    /// PostgreSQL, whose row locks let writers run in parallel (the one batch writer was slower there).
    /// </summary>
    public bool? GroupCommit { get; init; }

    public bool UsesGroupCommit => GroupCommit ?? Provider == StoreProvider.Sqlite;

    public StoreProvider Provider => ConnectionString is { } cs && IsPostgres(cs) ? StoreProvider.PostgreSql : StoreProvider.Sqlite;

    public string SqliteFilePath => Path.GetFullPath(Path.Combine(DataDirectory, DefaultFileName));

    private static bool IsPostgres(string cs) =>
        cs.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || cs.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || cs.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || cs.Contains("Server=", StringComparison.OrdinalIgnoreCase);
}
