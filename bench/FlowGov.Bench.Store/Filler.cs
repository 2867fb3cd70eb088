using System.Data.Common;
using System.Diagnostics;
using FlowGov.Data;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Bench.Store;

/// <summary>
/// Bulk filler, bypassing the engine: INSERT … SELECT over a number range, 10,000 instances (with
/// their bookmark and task rows) per transaction. A quarter of the filler instances are running
/// with an open task (and its bookmark); the rest are completed with a completed task.
/// </summary>
internal static class Filler
{
    private const int Batch = 10_000;

    /// <summary>Adds filler instances numbered [from, to); returns the seconds taken.</summary>
    public static async Task<double> FillAsync(EngineRig rig, long from, long to)
    {
        var sw = Stopwatch.StartNew();
        var sqlite = rig.Database.Provider == StoreProvider.Sqlite;
        await using var ctx = rig.Database.CreateContext(DistrictScope.AllDistricts);
        var conn = ctx.Database.GetDbConnection();
        await conn.OpenAsync();
        var stateJson = await ScalarAsync(conn, "SELECT state_json FROM instances ORDER BY created_at LIMIT 1");
        var now = TimeProvider.System.GetUtcNow();
        var baseAt = now.AddDays(-5);

        string Series(string body) => sqlite
            ? "WITH RECURSIVE s(n) AS (SELECT @lo UNION ALL SELECT n + 1 FROM s WHERE n < @hi) " + body.Replace("{S}", "s", StringComparison.Ordinal)
            : body.Replace("{S}", "generate_series(@lo::bigint, @hi::bigint) AS s(n)", StringComparison.Ordinal);
        var due = sqlite ? "@at + (n % 10000) * 600000000" : "@at + (n % 10000) * interval '1 minute'";
        var instances = Series(
            "INSERT INTO instances (id, district, definition_key, definition_version, status, business_key, started_by, created_at, updated_at, state_json, revision) "
            + "SELECT 'fi' || n, 'lcx', 'bench', 1, CASE WHEN n % 4 = 0 THEN 'Running' ELSE 'Completed' END, 'bk-' || n, 'applicant-' || (n % 997), @at, @at, @json, 3 FROM {S}");
        var bookmarks = Series(
            "INSERT INTO bookmarks (id, instance_id, district, activity_id, kind, task_id, created_at) "
            + "SELECT 'fb' || n, 'fi' || n, 'lcx', 't3', 'Task', 'ft' || n, @at FROM {S} WHERE n % 4 = 0");
        var tasks = Series(
            "INSERT INTO tasks (id, instance_id, district, activity_id, bookmark_id, definition_key, definition_version, title, candidate_roles, candidate_unit, outcomes, status, deadline_state, priority, created_at, due_at) "
            + "SELECT 'ft' || n, 'fi' || n, 'lcx', 't3', 'fb' || n, 'bench', 1, '审核 3', ',r' || (n % 3) || ',', 'u' || (n % 49), ',done,', "
            + "CASE WHEN n % 4 = 0 THEN 'Open' ELSE 'Completed' END, 'OnTime', 0, @at, " + due + " FROM {S}");

        for (var lo = from; lo < to; lo += Batch)
        {
            var hi = Math.Min(lo + Batch, to) - 1;
            await using var tx = await conn.BeginTransactionAsync();
            foreach (var sql in new[] { instances, bookmarks, tasks })
            {
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = sql;
                cmd.CommandTimeout = 600;
                Add(cmd, "lo", lo);
                Add(cmd, "hi", hi);
                Add(cmd, "json", stateJson);
                Add(cmd, "at", sqlite ? baseAt.UtcTicks : baseAt);
                await cmd.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }

        if (!sqlite)
        {
            await using var analyze = conn.CreateCommand();
            analyze.CommandText = "ANALYZE";
            analyze.CommandTimeout = 600;
            await analyze.ExecuteNonQueryAsync();
        }

        return sw.Elapsed.TotalSeconds;
    }

    private static async Task<string> ScalarAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
