using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace FlowGov.Bench.Store;

/// <summary>(1) The physical limit: one durable upsert of a ~2 KB row per transaction, WAL, Microsoft.Data.Sqlite.</summary>
internal sealed class RawSqliteBench : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteParameter _id;
    private int _next;

    private RawSqliteBench(string synchronous, string dir)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "raw-" + synchronous + ".db");
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        _connection.Open();
        Exec("PRAGMA journal_mode=WAL;");
        Exec($"PRAGMA synchronous={synchronous};");
        Exec("CREATE TABLE IF NOT EXISTS kv (id INTEGER PRIMARY KEY, v TEXT NOT NULL, rev INTEGER NOT NULL);");
        _upsert = _connection.CreateCommand();
        _upsert.CommandText = "INSERT INTO kv (id, v, rev) VALUES ($id, $v, 1) ON CONFLICT(id) DO UPDATE SET v = excluded.v, rev = kv.rev + 1;";
        _id = _upsert.Parameters.Add("$id", SqliteType.Integer);
        _upsert.Parameters.Add("$v", SqliteType.Text).Value = new string('x', 2048);
        _upsert.Prepare();

        // Warm-up.
        for (var i = 0; i < 200; i++)
        {
            Commit();
        }
    }

    /// <summary>Opens (creating) the raw table in <paramref name="dir"/>, warmed up, for commits in slices.</summary>
    public static RawSqliteBench Open(string synchronous, string dir) => new(synchronous, dir);

    public static double CommitsPerSecond(string synchronous, int n, string dir)
    {
        using var raw = Open(synchronous, dir);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            raw.Commit();
        }

        sw.Stop();
        return n / sw.Elapsed.TotalSeconds;
    }

    /// <summary>Commits one at a time for <paramref name="slice"/>; returns how many, and how long that took.</summary>
    public (int Commits, TimeSpan Elapsed) CommitFor(TimeSpan slice)
    {
        var sw = Stopwatch.StartNew();
        var commits = 0;
        while (sw.Elapsed < slice)
        {
            Commit();
            commits++;
        }

        return (commits, sw.Elapsed);
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _connection.Dispose();
    }

    /// <summary>Upserts one of 1,000 rows in its own transaction.</summary>
    private void Commit()
    {
        using var tx = _connection.BeginTransaction();
        _upsert.Transaction = tx;
        _id.Value = _next++ % 1000;
        _upsert.ExecuteNonQuery();
        tx.Commit();
    }

    private void Exec(string sql)
    {
        using var c = _connection.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }
}
