using System.Data.Common;
using FlowGov.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Tests.Plans;

/// <summary>
/// On an empty table PostgreSQL rightly prefers a sequential scan, so sequential scans are priced
/// out (<c>enable_seqscan = off</c>): a plan that still has one has no usable index.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresQueryPlanTests(PostgresServer server) : QueryPlanContract(new PostgresSource(server))
{
    protected override async Task<string> PlanAsync(FlowGovDbContext db, DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off; SET enable_sort = off;");
#pragma warning disable CA2100 // EF's own SQL for our query
        command.CommandText = "EXPLAIN " + command.CommandText;
#pragma warning restore CA2100
        return await ReadAllAsync(command, 0);
    }

    /// <summary>
    /// Two years of a city: 20,000 instances and tasks over four districts, 200 starters, 40 org
    /// units, 8 processes; then ANALYZE, so the plans are the ones a populated database gets.
    /// </summary>
    protected override async Task FillForPlansAsync(FlowGovDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Raw SQL is a format string to EF: braces are doubled.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO instances (id, district, definition_key, definition_version, status, started_by, org_unit, created_at, updated_at, completed_at, state_json, revision)
            SELECT 'i' || x, (ARRAY['lcx', 'wc', 'yc', 'dd'])[x % 4 + 1], 'process-' || (x % 8), 1 + x % 3,
                   (ARRAY['Running', 'Completed', 'Cancelled'])[x % 3 + 1], 'u' || (x % 200), 'unit-' || (x % 40),
                   timestamptz '2025-01-01' + x * interval '1 hour', timestamptz '2025-01-01' + x * interval '1 hour',
                   CASE WHEN x % 3 = 0 THEN NULL ELSE timestamptz '2025-01-02' + x * interval '1 hour' END, '{{}}', 1
            FROM generate_series(1, 20000) AS x;
            INSERT INTO tasks (id, instance_id, district, activity_id, bookmark_id, definition_key, definition_version, title, candidate_roles, candidate_unit, outcomes, status, deadline_state, priority, created_at)
            SELECT 't' || x, 'i' || x, (ARRAY['lcx', 'wc', 'yc', 'dd'])[x % 4 + 1], 'a' || (x % 5), 'b' || x, 'process-' || (x % 8), 1, 'task', ',r1,', 'unit-' || (x % 40), ',ok,',
                   (ARRAY['Open', 'Completed'])[x % 2 + 1], 'None', 0, timestamptz '2025-01-01' + x * interval '1 hour'
            FROM generate_series(1, 20000) AS x;
            ANALYZE instances;
            ANALYZE tasks;
            """);
    }

    protected override void AssertUsesIndex(string plan)
    {
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.Contains("Index", plan, StringComparison.Ordinal);
    }
}
