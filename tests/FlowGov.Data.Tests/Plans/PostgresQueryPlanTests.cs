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

    protected override void AssertUsesIndex(string plan)
    {
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.Contains("Index", plan, StringComparison.Ordinal);
    }
}
