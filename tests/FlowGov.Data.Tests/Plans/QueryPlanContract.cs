using System.Data.Common;
using FlowGov.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Tests.Plans;

/// <summary>
/// The hot queries — the ones whose latency must stay flat from 1k to 1M instances and from 1 to
/// 500 versions — are index seeks, checked on the database's own plan (EXPLAIN QUERY PLAN /
/// EXPLAIN with sequential scans priced out), not on timings.
/// </summary>
public abstract class QueryPlanContract(IDatabaseSource source)
{
    private static readonly DistrictScope Lcx = DistrictScope.For("lcx");

    public static TheoryData<string> Queries => ["inbox by role and unit", "inbox by role", "inbox by assignee", "task's bookmark id", "instance by id", "latest published definition", "definition by version", "retention batch", "due timers", "children of a bookmark", "outbox of an instance", "attachments of an instance"];

    /// <summary>
    /// The list and report queries of migration 0008 and the index each must use: "an index" is not
    /// enough here, since walking (district, definition_key, …) for a period report is an index
    /// search that still reads the whole district.
    /// </summary>
    public static TheoryData<string, string> ListAndReportQueries => new()
    {
        { "instance list page", "IX_instances_district_created_at" },
        { "instance list count", "IX_instances_district_" },
        { "my reported instances", "IX_instances_district_started_by_created_at" },
        { "my reported instances count", "IX_instances_district_started_by_created_at" },
        { "instances created in a period", "IX_instances_district_created_at" },
        { "instances of org units", "IX_instances_district_org_unit" },
        { "tasks created in a period", "IX_tasks_district_created_at" },
        // 0010's partial inbox indexes: a query the planner cannot match to them would scan the district.
        { "inbox by role and unit", "IX_tasks_open_unassigned" },
        { "inbox by role", "IX_tasks_open_unassigned" },
        { "inbox by assignee", "IX_tasks_open_assigned" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task HotQuery_UsesAnIndex(string name)
    {
        var database = await source.NewDatabaseAsync();
        await using var db = database.CreateContext(Lcx);
        await using var command = Command(db, name);

        var plan = await PlanAsync(db, command);

        AssertUsesIndex(plan);
    }

    [Theory]
    [MemberData(nameof(ListAndReportQueries))]
    public async Task ListOrReportQuery_UsesItsIndex(string name, string index)
    {
        var database = await source.NewDatabaseAsync();
        await using var db = database.CreateContext(Lcx);
        await FillForPlansAsync(db);
        await using var command = Command(db, name);

        var plan = await PlanAsync(db, command);

        AssertUsesIndex(plan);
        Assert.Contains(index, plan, StringComparison.Ordinal);
    }

    private static DbCommand Command(FlowGovDbContext db, string name)
    {
        var at = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        List<string> units = ["u1", "u2"];
        return name switch
        {
            "inbox by role and unit" => db.Tasks.Where(t => t.Status == "Open" && t.Assignee == null && t.CandidateUnit == "u7" && t.CandidateRoles.Contains(",r1,")).OrderBy(t => t.DueAt).Take(20).CreateDbCommand(),
            // The server's candidate set (TaskEndpoints.InboxSetsAsync): a constant status, as the partial index needs.
            "inbox by role" => db.Tasks.Where(t => t.Status == "Open" && t.Assignee == null && EF.Functions.Like(t.CandidateRoles, "%,r1,%")).CreateDbCommand(),
            "inbox by assignee" => db.Tasks.Where(t => t.Status == "Open" && t.Assignee == "u1").OrderBy(t => t.DueAt).Take(20).CreateDbCommand(),
            "task's bookmark id" => db.Tasks.Where(t => t.Id == "t1").Select(t => t.BookmarkId).Take(1).CreateDbCommand(),
            "instance by id" => db.Instances.Where(i => i.Id == "i1").Select(i => new { i.StateJson, i.Revision }).Take(1).CreateDbCommand(),
            "latest published definition" => db.Definitions.Where(d => d.Key == "k" && d.Status == Entities.DefinitionStatus.Published && d.District == "lcx").OrderByDescending(d => d.Version).Take(1).CreateDbCommand(),
            "definition by version" => db.Definitions.Where(d => d.Key == "k" && d.Version == 7 && d.District == "lcx").Take(1).CreateDbCommand(),
            "retention batch" => db.Instances.Where(i => i.Status == "Completed" && i.CompletedAt < at).OrderBy(i => i.CompletedAt).Select(i => i.Id).Take(500).CreateDbCommand(),
            "due timers" => db.Bookmarks.Where(b => b.DueAt <= at && b.Kind == "Timer").OrderBy(b => b.DueAt).Take(500).CreateDbCommand(),
            "children of a bookmark" => db.Instances.Where(i => i.ParentBookmarkId == "b1").Select(i => i.Id).CreateDbCommand(),
            "outbox of an instance" => db.Outbox.Where(o => o.InstanceId == "i1").CreateDbCommand(),
            "attachments of an instance" => db.Attachments.Where(a => a.InstanceId == "i1").CreateDbCommand(),
            // The server's instance list, report and count shapes (ListQueries, ReportScope); 0008's indexes.
            "instance list page" => db.Instances.NewestFirst().Skip(100).Take(50).CreateDbCommand(),
            "instance list count" => db.Instances.UpToCap().Select(i => i.Id).CreateDbCommand(),
            "my reported instances" => db.Instances.Where(i => i.StartedBy == "u1").NewestFirst().Skip(50).Take(50).CreateDbCommand(),
            "my reported instances count" => db.Instances.Where(i => i.StartedBy == "u1").UpToCap().Select(i => i.Id).CreateDbCommand(),
            "instances created in a period" => db.Instances.Where(i => i.DefinitionVersion > 0 && i.CreatedAt >= at && i.CreatedAt < at.AddDays(30))
                .GroupBy(i => new { i.DefinitionKey, i.Status }).Select(g => new { g.Key.DefinitionKey, g.Key.Status, Count = g.Count() }).CreateDbCommand(),
            "instances of org units" => db.Instances.Where(i => i.DefinitionVersion > 0 && i.OrgUnit != null && units.Contains(i.OrgUnit)).Select(i => i.Id).CreateDbCommand(),
            "tasks created in a period" => db.Tasks.Where(t => t.DefinitionVersion > 0 && t.CreatedAt >= at && t.CreatedAt < at.AddDays(30)).CreateDbCommand(),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>
    /// Rows and statistics for a planner that costs by them. On empty tables every index costs the
    /// same and PostgreSQL picks one by chance; SQLite without ANALYZE plans by the schema alone.
    /// </summary>
    protected virtual Task FillForPlansAsync(FlowGovDbContext db) => Task.CompletedTask;

    /// <summary>The plan as text, one line per node.</summary>
    protected abstract Task<string> PlanAsync(FlowGovDbContext db, DbCommand command);

    /// <summary>Fails when the plan reads a table without an index.</summary>
    protected abstract void AssertUsesIndex(string plan);

    protected static async Task<string> ReadAllAsync(DbCommand command, int column)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetValue(column).ToString()!);
        }

        return string.Join('\n', lines);
    }
}
