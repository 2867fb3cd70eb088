using System.Data.Common;
using System.Text.RegularExpressions;
using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Plans;

public sealed partial class SqliteQueryPlanTests : QueryPlanContract, IDisposable
{
    private readonly SqliteSource _source;

    public SqliteQueryPlanTests()
        : this(new SqliteSource())
    {
    }

    private SqliteQueryPlanTests(SqliteSource source)
        : base(source) => _source = source;

    public void Dispose() => _source.Dispose();

    protected override async Task<string> PlanAsync(FlowGovDbContext db, DbCommand command)
    {
        await command.Connection!.OpenAsync();
#pragma warning disable CA2100 // EF's own SQL for our query
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
#pragma warning restore CA2100
        return await ReadAllAsync(command, 3); // id, parent, notused, detail
    }

    protected override void AssertUsesIndex(string plan)
    {
        // "SCAN t" = a full table scan; "SCAN t USING INDEX" would walk a whole index; both grow with the table.
        Assert.DoesNotMatch(FullScan(), plan);
        Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", plan, StringComparison.Ordinal); // a sort of every match
        Assert.Contains("SEARCH", plan, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^SCAN ", RegexOptions.Multiline)]
    private static partial Regex FullScan();
}
