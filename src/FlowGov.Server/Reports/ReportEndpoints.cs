using System.Globalization;
using System.Text;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlowGov.Server.Reports;

/// <summary>District dashboards: instance counts by process and status, deadline keeping (SLA), and a CSV of tasks.</summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Reports);
        group.MapGet("/counts", CountsAsync);
        group.MapGet("/sla", SlaAsync);
        group.MapGet("/tasks.csv", CsvAsync);
        return group;
    }

    private static async Task<Ok<List<CountRow>>> CountsAsync(FlowGovDbContext db, IOptions<ServerOptions> options, TimeProvider clock, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var (start, end) = ReportPeriod.Resolve(from, to, options.Value, clock);
        var rows = await db.Instances.AsNoTracking().Where(i => i.CreatedAt >= start && i.CreatedAt < end)
            .GroupBy(i => new { i.DefinitionKey, i.Status })
            .Select(g => new { g.Key.DefinitionKey, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(r => r.DefinitionKey, StringComparer.Ordinal).ThenBy(r => r.Status, StringComparer.Ordinal)
            .Select(r => new CountRow(r.DefinitionKey, r.Status.ToLowerInvariant(), r.Count)).ToList());
    }

    private static async Task<Ok<List<SlaRow>>> SlaAsync(FlowGovDbContext db, IOptions<ServerOptions> options, TimeProvider clock, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var (start, end) = ReportPeriod.Resolve(from, to, options.Value, clock);
        var now = clock.GetUtcNow();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.CreatedAt >= start && t.CreatedAt < end).ToListAsync(cancellationToken);
        var rows = tasks.GroupBy(t => (t.DefinitionKey, t.ActivityId)).Select(g =>
        {
            var states = g.Select(t => Sla(t, now)).ToList();
            return new SlaRow(g.Key.DefinitionKey, g.Key.ActivityId, states.Count, states.Count(s => s == "on-time"), states.Count(s => s == "warned"), states.Count(s => s == "overdue"),
                g.Count(t => t.Status == nameof(HumanTaskStatus.Open)));
        }).OrderBy(r => r.DefinitionKey, StringComparer.Ordinal).ThenBy(r => r.ActivityId, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(rows);
    }

    private static async Task<FileContentHttpResult> CsvAsync(FlowGovDbContext db, IOptions<ServerOptions> options, TimeProvider clock, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var (start, end) = ReportPeriod.Resolve(from, to, options.Value, clock);
        var now = clock.GetUtcNow();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.CreatedAt >= start && t.CreatedAt < end).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append('\uFEFF'); // Excel reads UTF-8 Chinese only with a BOM.
        csv.AppendLine("task_id,instance_id,definition_key,definition_version,activity_id,title,assignee,status,outcome,completed_by,created_at,due_at,completed_at,sla");
        foreach (var t in tasks)
        {
            csv.AppendJoin(',', [
                Cell(t.Id), Cell(t.InstanceId), Cell(t.DefinitionKey), t.DefinitionVersion.ToString(CultureInfo.InvariantCulture), Cell(t.ActivityId), Cell(t.Title),
                Cell(t.Assignee), Cell(t.Status.ToLowerInvariant()), Cell(t.Outcome), Cell(t.CompletedBy), Time(t.CreatedAt), Time(t.DueAt), Time(t.CompletedAt), Sla(t, now),
            ]);
            csv.AppendLine();
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"tasks-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    /// <summary>on-time, warned (past the warning point, not the deadline) or overdue — for open tasks as of now.</summary>
    private static string Sla(TaskRow t, DateTimeOffset now)
    {
        var at = t.CompletedAt ?? now;
        if (t.DeadlineState == nameof(DeadlineState.Overdue) || (t.DueAt is { } due && at > due))
        {
            return "overdue";
        }

        return t.DeadlineState == nameof(DeadlineState.Warned) || (t.WarnAt is { } warn && at > warn) ? "warned" : "on-time";
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quotes a CSV cell and defuses spreadsheet formulas (=, +, -, @ at the start).</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
