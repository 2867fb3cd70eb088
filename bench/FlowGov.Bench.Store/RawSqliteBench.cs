using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace FlowGov.Bench.Store;

/// <summary>(1) The physical limit: one durable upsert of a ~2 KB row per transaction, WAL, Microsoft.Data.Sqlite.</summary>
internal static class RawSqliteBench
{
    public static double CommitsPerSecond(string synchronous, int n, string dir)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "raw-" + synchronous + ".db");
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        using var conn = new SqliteConnection(cs);
        conn.Open();
        Exec(conn, "PRAGMA journal_mode=WAL;");
        Exec(conn, $"PRAGMA synchronous={synchronous};");
        Exec(conn, "CREATE TABLE IF NOT EXISTS kv (id INTEGER PRIMARY KEY, v TEXT NOT NULL, rev INTEGER NOT NULL);");
        var payload = new string('x', 2048);
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "INSERT INTO kv (id, v, rev) VALUES ($id, $v, 1) ON CONFLICT(id) DO UPDATE SET v = excluded.v, rev = kv.rev + 1;";
        var pId = cmd.Parameters.Add("$id", SqliteType.Integer);
        var pV = cmd.Parameters.Add("$v", SqliteType.Text);
        pV.Value = payload;
        cmd.Prepare();

        // Warm-up.
        for (var i = 0; i < 200; i++)
        {
            Upsert(conn, cmd, pId, i);
        }

        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            Upsert(conn, cmd, pId, i % 1000);
        }

        sw.Stop();
        return n / sw.Elapsed.TotalSeconds;
    }

    private static void Upsert(SqliteConnection conn, SqliteCommand cmd, SqliteParameter pId, int id)
    {
        using var tx = conn.BeginTransaction();
        cmd.Transaction = tx;
        pId.Value = id;
        cmd.ExecuteNonQuery();
        tx.Commit();
    }

    private static void Exec(SqliteConnection conn, string sql)
    {
        using var c = conn.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }
}
