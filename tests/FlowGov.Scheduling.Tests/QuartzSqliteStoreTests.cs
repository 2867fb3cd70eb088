using FlowGov.Data;
using FlowGov.Scheduling.Host;
using FlowGov.Scheduling.Sqlite;
using FlowGov.Scheduling.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace FlowGov.Scheduling.Tests;

/// <summary>How Quartz's SQLite store (<c>quartz.db</c>) is opened and queried (ADR 0036).</summary>
public sealed class QuartzSqliteStoreTests() : SchedulerDataTests("quartz-store")
{
    [Fact]
    public async Task QuartzConnections_AreWalWithSynchronousNormal()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(); // provisions quartz.db through the factory

        await using var connection = (SqliteConnection)QuartzSqliteFactory.Instance.CreateConnection();
        connection.ConnectionString = "Data Source=" + QuartzDb;
        await connection.OpenAsync();

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal(1L, await PragmaAsync(connection, "synchronous")); // 1 = NORMAL
    }

    /// <summary>
    /// The acquisition query as Quartz 4.7.3 sends it (taken from a statement trace of the scheduling
    /// benchmark). Without statistics SQLite's plan does not depend on the row count, so a handful of
    /// triggers shows the plan 100,000 get: a seek on the next-fire-time index, not a scan.
    /// </summary>
    [Fact]
    public async Task TriggerAcquisition_SeeksTheNextFireTimeIndex()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var later = TimeProvider.System.GetUtcNow().AddDays(1);
        await QuartzTimerScheduler.ScheduleAsync(scheduler, Enumerable.Range(0, 10).Select(i => ("plan-" + i, later.AddSeconds(i))), default);

        await using var connection = new SqliteConnection("Data Source=" + QuartzDb);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            EXPLAIN QUERY PLAN SELECT
                t.TRIGGER_NAME, t.TRIGGER_GROUP, jd.JOB_CLASS_NAME, jd.IS_NONCONCURRENT, t.EXECUTION_GROUP, t.NEXT_FIRE_TIME, t.OVERLAP_POLICY, t.FIXED_DELAY
              FROM qrtz_TRIGGERS t
              JOIN qrtz_JOB_DETAILS jd ON (jd.SCHED_NAME = t.SCHED_NAME AND jd.JOB_GROUP = t.JOB_GROUP AND jd.JOB_NAME = t.JOB_NAME)
              WHERE t.SCHED_NAME = @name AND TRIGGER_STATE = 'WAITING' AND NEXT_FIRE_TIME <= @noLaterThan
                AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR <> -1 AND ((MISFIRE_THRESHOLD IS NULL AND NEXT_FIRE_TIME > @misfireBound) OR (MISFIRE_THRESHOLD IS NOT NULL AND NEXT_FIRE_TIME > @now - MISFIRE_THRESHOLD * 10000))))
                AND (t.PREFERRED_NODE IS NULL OR t.PREFERRED_NODE = 'NON_CLUSTERED' OR t.PREFERRED_NODE = '*'
                     OR t.PREFERRED_NODE NOT IN (SELECT ss.INSTANCE_NAME FROM qrtz_SCHEDULER_STATE ss WHERE ss.SCHED_NAME = t.SCHED_NAME AND ss.LAST_CHECKIN_TIME + ss.CHECKIN_INTERVAL * 10000 >= @now))
              ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC LIMIT 32
            """;
        var now = TimeProvider.System.GetUtcNow().UtcTicks;
        command.Parameters.AddWithValue("@name", "flowgov");
        command.Parameters.AddWithValue("@noLaterThan", now + TimeSpan.TicksPerSecond * 30);
        command.Parameters.AddWithValue("@misfireBound", now - TimeSpan.TicksPerMinute);
        command.Parameters.AddWithValue("@now", now);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.StartsWith("SEARCH t USING INDEX IDX_qrtz_T_NFT_ST (SCHED_NAME=? AND TRIGGER_STATE=? AND NEXT_FIRE_TIME<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN t", StringComparison.Ordinal) || step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    /// <summary>
    /// After start-up (which writes <see cref="QuartzSqliteStatistics"/>), the statements Quartz 4.7.3
    /// runs in every acquisition round and after every fire, as a statement trace of the benchmark
    /// gave them. Without the statistics the candidate load walked every trigger of the scheduler
    /// (<c>SEARCH … (SCHED_NAME=?)</c>): ~80 ms per round with 100,000 pending (ADR 0036, run 3).
    /// The plan follows the statistics, not the row count, so a handful of triggers shows it.
    /// </summary>
    [Fact]
    public async Task AfterStartUp_CandidateLoadSeeksEachKey_AndTheOtherHotQueriesKeepTheirIndexes()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var later = TimeProvider.System.GetUtcNow().AddDays(1);
        await QuartzTimerScheduler.ScheduleAsync(scheduler, Enumerable.Range(0, 40).Select(i => ("plan-" + i, later.AddSeconds(i))), default);
        await host.StartAsync();

        await using var connection = new SqliteConnection("Data Source=" + QuartzDb);
        await connection.OpenAsync();
        var candidates = await PlanAsync(connection, """
            SELECT JOB_NAME, JOB_DATA, REPEAT_COUNT, t.TRIGGER_NAME, t.TRIGGER_GROUP
              FROM qrtz_TRIGGERS t
              LEFT JOIN qrtz_SIMPLE_TRIGGERS st ON (st.SCHED_NAME = t.SCHED_NAME AND st.TRIGGER_GROUP = t.TRIGGER_GROUP AND st.TRIGGER_NAME = t.TRIGGER_NAME)
              LEFT JOIN qrtz_CRON_TRIGGERS ct ON (ct.SCHED_NAME = t.SCHED_NAME AND ct.TRIGGER_GROUP = t.TRIGGER_GROUP AND ct.TRIGGER_NAME = t.TRIGGER_NAME)
             WHERE t.SCHED_NAME = @schedulerName AND ((t.TRIGGER_NAME = @tkn000 AND t.TRIGGER_GROUP = @tkg000) OR (t.TRIGGER_NAME = @tkn001 AND t.TRIGGER_GROUP = @tkg001) OR (t.TRIGGER_NAME = @tkn002 AND t.TRIGGER_GROUP = @tkg002))
            """);
        Assert.Contains("MULTI-INDEX OR", candidates);
        Assert.DoesNotContain(candidates, step => step.StartsWith("SCAN t", StringComparison.Ordinal) || step.EndsWith("(SCHED_NAME=?)", StringComparison.Ordinal));

        var continuation = await PlanAsync(connection, """
            SELECT TRIGGER_NAME, TRIGGER_GROUP, CONTINUATION_CONDITION FROM qrtz_TRIGGERS
             WHERE SCHED_NAME = @schedulerName AND TRIGGER_STATE = @state AND CONTINUES_TRIGGER_NAME = @triggerContinuesName AND CONTINUES_TRIGGER_GROUP = @triggerContinuesGroup
            """);
        Assert.Contains(continuation, step => step.StartsWith("SEARCH qrtz_TRIGGERS USING INDEX IDX_qrtz_T_NFT_ST (SCHED_NAME=? AND TRIGGER_STATE=?)", StringComparison.Ordinal));

        var acquisition = await PlanAsync(connection, """
            SELECT t.TRIGGER_NAME FROM qrtz_TRIGGERS t
              JOIN qrtz_JOB_DETAILS jd ON (jd.SCHED_NAME = t.SCHED_NAME AND jd.JOB_GROUP = t.JOB_GROUP AND jd.JOB_NAME = t.JOB_NAME)
             WHERE t.SCHED_NAME = @name AND TRIGGER_STATE = 'WAITING' AND NEXT_FIRE_TIME <= @noLaterThan
             ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC LIMIT 32
            """);
        Assert.Contains(acquisition, step => step.StartsWith("SEARCH t USING INDEX IDX_qrtz_T_NFT_ST (SCHED_NAME=? AND TRIGGER_STATE=? AND NEXT_FIRE_TIME<?)", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PlanAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant statements of this test
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
#pragma warning restore CA2100
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    private static async Task<object?> PragmaAsync(SqliteConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // a pragma name of this test
        command.CommandText = "PRAGMA " + pragma;
#pragma warning restore CA2100
        return await command.ExecuteScalarAsync();
    }
}
