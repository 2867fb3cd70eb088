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

    public static TheoryData<string> Queries => ["inbox by role and unit", "inbox by assignee", "bookmark by task", "instance by id", "latest published definition", "definition by version", "retention batch", "due timers", "children of a bookmark", "outbox of an instance", "attachments of an instance"];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task HotQuery_UsesAnIndex(string name)
    {
        var database = await source.NewDatabaseAsync();
        await using var db = database.CreateContext(Lcx);
        var at = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        await using var command = name switch
        {
            "inbox by role and unit" => db.Tasks.Where(t => t.Status == "Open" && t.CandidateUnit == "u7" && t.CandidateRoles.Contains(",r1,")).OrderBy(t => t.DueAt).Take(20).CreateDbCommand(),
            "inbox by assignee" => db.Tasks.Where(t => t.Status == "Open" && t.Assignee == "u1").OrderBy(t => t.DueAt).Take(20).CreateDbCommand(),
            "bookmark by task" => db.Bookmarks.Where(b => b.TaskId == "t1" && b.Kind == "Task").Take(1).CreateDbCommand(),
            "instance by id" => db.Instances.Where(i => i.Id == "i1").Select(i => new { i.StateJson, i.Revision }).Take(1).CreateDbCommand(),
            "latest published definition" => db.Definitions.Where(d => d.Key == "k" && d.Status == Entities.DefinitionStatus.Published && d.District == "lcx").OrderByDescending(d => d.Version).Take(1).CreateDbCommand(),
            "definition by version" => db.Definitions.Where(d => d.Key == "k" && d.Version == 7 && d.District == "lcx").Take(1).CreateDbCommand(),
            "retention batch" => db.Instances.Where(i => i.Status == "Completed" && i.CompletedAt < at).OrderBy(i => i.CompletedAt).Select(i => i.Id).Take(500).CreateDbCommand(),
            "due timers" => db.Bookmarks.Where(b => b.DueAt <= at && b.Kind == "Timer").OrderBy(b => b.DueAt).Take(500).CreateDbCommand(),
            "children of a bookmark" => db.Instances.Where(i => i.ParentBookmarkId == "b1").Select(i => i.Id).CreateDbCommand(),
            "outbox of an instance" => db.Outbox.Where(o => o.InstanceId == "i1").CreateDbCommand(),
            "attachments of an instance" => db.Attachments.Where(a => a.InstanceId == "i1").CreateDbCommand(),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var plan = await PlanAsync(db, command);

        AssertUsesIndex(plan);
    }

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
