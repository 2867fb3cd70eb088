using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FlowGov.Scheduling.Sqlite;

/// <summary>
/// Query-planner statistics for Quartz's trigger table in <c>quartz.db</c> (ADR 0036, run 3).
/// </summary>
/// <remarks>
/// Each acquisition round of Quartz 4.7 loads its candidate triggers by key with
/// <c>WHERE SCHED_NAME = ? AND ((TRIGGER_NAME = ? AND TRIGGER_GROUP = ?) OR …)</c> (up to
/// <see cref="SchedulingOptions.MaxConcurrency"/> pairs). Without statistics SQLite takes
/// <c>SCHED_NAME = ?</c> for a selective seek and walks every trigger of the scheduler: ~80 ms of
/// CPU per round with 100,000 pending, under Quartz's store lock, so it stalled every fire. With
/// statistics that say what is true of FlowGov's triggers — one scheduler, one timer group, one
/// resume job, a trigger name identifies a trigger — it seeks each key (a multi-index OR).
/// The rows describe the shape, not a count, so they stay true as timers come and go; they are
/// written at every start-up, which also rewrites them after a Quartz upgrade changes the indexes.
/// A real <c>ANALYZE</c> would not do: on a young server the table is empty or small, and the
/// statistics it records would not describe the table a year later.
/// </remarks>
public static class QuartzSqliteStatistics
{
    /// <summary>The row count the statistics claim; only ratios matter to the planner.</summary>
    private const long AssumedRows = 100_000;

    public static async Task WriteAsync(string connectionString, string tablePrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tablePrefix);
        var table = tablePrefix + "TRIGGERS";
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var indexes = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM pragma_index_list($table)";
            list.Parameters.AddWithValue("$table", table);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                indexes.Add(reader.GetString(0));
            }
        }

        if (indexes.Count == 0)
        {
            throw new InvalidOperationException($"Quartz's table {table} has no indexes in {connection.DataSource}: is the schema provisioned?");
        }

        var rows = new List<(string Index, string Stat)>();
        foreach (var index in indexes)
        {
            var columns = new List<string>();
            await using var info = connection.CreateCommand();
            info.CommandText = "SELECT name FROM pragma_index_info($index) ORDER BY seqno";
            info.Parameters.AddWithValue("$index", index);
            await using var reader = await info.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add(reader.GetString(0));
            }

            rows.Add((index, Stat(columns)));
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var analyze = connection.CreateCommand())
        {
            // Creates sqlite_stat1 when missing (it cannot be created otherwise); its rows for the
            // trigger table are replaced below.
            analyze.CommandText = $"ANALYZE \"{table}\"";
            await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM sqlite_stat1 WHERE tbl = $table";
            delete.Parameters.AddWithValue("$table", table);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (index, stat) in rows)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ($table, $index, $stat)";
            insert.Parameters.AddWithValue("$table", table);
            insert.Parameters.AddWithValue("$index", index);
            insert.Parameters.AddWithValue("$stat", stat);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // Statistics are read when a connection loads the schema: pooled connections that Quartz
        // opened while provisioning would keep planning without them.
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// sqlite_stat1's "rows, then rows per distinct value of each leading column prefix": a trigger
    /// name identifies one trigger; timers due in the same second share a next-fire time with few
    /// others; a state is one of about ten — it must read as selective, because Quartz looks up
    /// states that hold no rows at all after every fire (the continuation query: with the state
    /// taken for "all rows" SQLite scanned the table instead, 9 ms per fire with 30,000 pending);
    /// every other column of these indexes (scheduler, group, job, calendar) is shared by all timers.
    /// </summary>
    private static string Stat(List<string> columns)
    {
        var stat = new List<long> { AssumedRows };
        var perKey = AssumedRows;
        foreach (var column in columns)
        {
            perKey = Math.Min(perKey, column.ToUpperInvariant() switch
            {
                "TRIGGER_NAME" => 1,
                "NEXT_FIRE_TIME" => 2,
                "TRIGGER_STATE" => AssumedRows / 10,
                _ => AssumedRows,
            });
            stat.Add(perKey);
        }

        return string.Join(' ', stat.Select(n => n.ToString(CultureInfo.InvariantCulture)));
    }
}
