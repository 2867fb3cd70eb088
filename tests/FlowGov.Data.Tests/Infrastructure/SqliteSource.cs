namespace FlowGov.Data.Tests.Infrastructure;

/// <summary>SQLite files in a temp directory, deleted with the test class.</summary>
public sealed class SqliteSource : IDatabaseSource, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flowgov-sqlite-" + Path.GetRandomFileName());
    private int _count;

    public Task<FlowGovDatabase> NewDatabaseAsync() => NewDatabaseAsync(options => options);

    /// <summary>A new database whose options <paramref name="configure"/> changed from the defaults (its directory is set first).</summary>
    public async Task<FlowGovDatabase> NewDatabaseAsync(Func<FlowGovDataOptions, FlowGovDataOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var dir = Path.Combine(_dir, (++_count).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var db = new FlowGovDatabase(configure(new FlowGovDataOptions { DataDirectory = dir }));
        await db.MigrateAsync();
        return db;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
