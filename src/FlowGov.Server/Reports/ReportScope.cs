using System.Linq.Expressions;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlowGov.Server.Reports;

/// <summary>The query every report takes: a period of whole days and optionally an org unit whose subtree it covers.</summary>
public sealed record ReportQuery(
    [property: FromQuery] DateOnly? From,
    [property: FromQuery] DateOnly? To,
    [property: FromQuery] string? OrgUnitId,
    [property: FromServices] FlowGovDbContext Db,
    [property: FromServices] CurrentUser Me,
    [property: FromServices] IOptions<ServerOptions> Options,
    [property: FromServices] TimeProvider Clock)
{
    public async Task<ReportScope> ResolveAsync(CancellationToken cancellationToken)
    {
        var (start, end) = ReportPeriod.Resolve(From, To, Options.Value, Clock);
        HashSet<string>? units = null;
        if (!string.IsNullOrEmpty(OrgUnitId))
        {
            var tree = (await Me.AccessAsync(cancellationToken)).Tree;
            units = tree.Contains(OrgUnitId)
                ? tree.Subtree(OrgUnitId)
                : throw new ApiProblemException(400, "Bad request", $"orgUnitId '{OrgUnitId}' is not an org unit of your district.", new Dictionary<string, object?> { ["field"] = "orgUnitId" });
        }

        return new ReportScope(Db, start, end, Clock.GetUtcNow(), units, ReportPeriod.Zone(Options.Value));
    }
}

/// <summary>
/// A resolved report query: rows of the district in the period, restricted to a unit's subtree when
/// asked. Test runs of drafts (negative versions) are left out of every report.
/// </summary>
public sealed class ReportScope(FlowGovDbContext db, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, HashSet<string>? units, TimeZoneInfo zone)
{
    public FlowGovDbContext Db => db;

    public DateTimeOffset From => from;

    public DateTimeOffset To => to;

    public DateTimeOffset Now => now;

    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Instances matching <paramref name="filter"/>; with a unit, those started at it or with a task offered at it (or below).</summary>
    public async Task<List<InstanceRow>> InstancesAsync(Expression<Func<InstanceRow, bool>> filter, CancellationToken cancellationToken)
    {
        var query = db.Instances.AsNoTracking().Where(i => i.DefinitionVersion > 0).Where(filter);
        if (units is not null)
        {
            var list = units.ToList();
            query = query.Where(i => (i.OrgUnit != null && list.Contains(i.OrgUnit))
                || db.Tasks.Any(t => t.InstanceId == i.Id && t.CandidateUnit != null && list.Contains(t.CandidateUnit)));
        }

        return await query.ToListAsync(cancellationToken);
    }

    /// <summary>Tasks matching <paramref name="filter"/>; with a unit, those offered at it or below.</summary>
    public async Task<List<TaskRow>> TasksAsync(Expression<Func<TaskRow, bool>> filter, CancellationToken cancellationToken)
    {
        var query = db.Tasks.AsNoTracking().Where(t => t.DefinitionVersion > 0).Where(filter);
        if (units is not null)
        {
            var list = units.ToList();
            query = query.Where(t => t.CandidateUnit != null && list.Contains(t.CandidateUnit));
        }

        return await query.ToListAsync(cancellationToken);
    }
}
