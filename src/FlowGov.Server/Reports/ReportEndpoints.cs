using System.Globalization;
using System.Text;
using System.Text.Json;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlowGov.Server.Reports;

/// <summary>
/// District dashboards over a period and optionally one org unit's subtree: instance counts, deadline
/// keeping (SLA), satisfaction, throughput, overdue tasks with their escalation, events by category, each also as CSV.
/// Test runs of drafts never count.
/// </summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Reports);
        group.MapGet("/counts", async ([AsParameters] ReportQuery query, CancellationToken ct) => TypedResults.Ok(await CountsAsync(await query.ResolveAsync(ct), ct)));
        group.MapGet("/sla", async ([AsParameters] ReportQuery query, CancellationToken ct) => TypedResults.Ok(await SlaAsync(await query.ResolveAsync(ct), ct)));
        group.MapGet("/satisfaction", async ([AsParameters] ReportQuery query, CancellationToken ct) => TypedResults.Ok(await SatisfactionAsync(await query.ResolveAsync(ct), ct)));
        group.MapGet("/throughput", async ([AsParameters] ReportQuery query, CancellationToken ct) => TypedResults.Ok(await ThroughputAsync(await query.ResolveAsync(ct), ct)));
        group.MapGet("/overdue", async ([AsParameters] ReportQuery query, CancellationToken ct) => TypedResults.Ok(await OverdueAsync(await query.ResolveAsync(ct), ct)));
        group.MapGet("/categories", CategoriesEndpointAsync);
        group.MapGet("/tasks.csv", CsvAsync);
        group.MapGet("/{name}.csv", ReportCsvAsync);
        return group;
    }

    private static async Task<List<CountRow>> CountsAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        // Grouped in the database: a district may hold millions of instances.
        var rows = await scope.Instances(i => i.CreatedAt >= scope.From && i.CreatedAt < scope.To)
            .GroupBy(i => new { i.DefinitionKey, i.Status })
            .Select(g => new { g.Key.DefinitionKey, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CountRow(r.DefinitionKey, r.Status.ToLowerInvariant(), r.Count))
            .OrderBy(r => r.DefinitionKey, StringComparer.Ordinal).ThenBy(r => r.Status, StringComparer.Ordinal)];
    }

    private static async Task<List<SlaRow>> SlaAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var now = scope.Now;
        var tasks = await scope.TasksAsync(t => t.CreatedAt >= scope.From && t.CreatedAt < scope.To, cancellationToken);
        return [.. tasks.GroupBy(t => (t.DefinitionKey, t.ActivityId)).Select(g =>
        {
            var states = g.Select(t => Sla(t, now)).ToList();
            return new SlaRow(g.Key.DefinitionKey, g.Key.ActivityId, states.Count, states.Count(s => s == "on-time"), states.Count(s => s == "warned"), states.Count(s => s == "overdue"),
                g.Count(t => t.Status == nameof(HumanTaskStatus.Open)));
        }).OrderBy(r => r.DefinitionKey, StringComparer.Ordinal).ThenBy(r => r.ActivityId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Ratings of instances started in the period: the <c>satisfaction</c> variable, or else a
    /// <c>satisfaction</c> value in one of the instance's forms (the follow-up visit's rating field).
    /// </summary>
    private static async Task<List<SatisfactionRow>> SatisfactionAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var rows = await scope.Instances(i => i.CreatedAt >= scope.From && i.CreatedAt < scope.To && i.StateJson.Contains("satisfaction"))
            .Select(i => i.StateJson).ToListAsync(cancellationToken);
        return [.. rows.Select(Rating).OfType<int>().GroupBy(r => r).Select(g => new SatisfactionRow(g.Key, g.Count())).OrderBy(r => r.Rating)];
    }

    private static async Task<List<ThroughputRow>> ThroughputAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var rows = await scope.Instances(i => (i.CreatedAt >= scope.From && i.CreatedAt < scope.To) || (i.CompletedAt >= scope.From && i.CompletedAt < scope.To))
            .Select(i => new { i.DefinitionKey, i.CreatedAt, i.CompletedAt }).ToListAsync(cancellationToken);
        var started = rows.Where(i => i.CreatedAt >= scope.From && i.CreatedAt < scope.To).Select(i => (i.DefinitionKey, Day: scope.Day(i.CreatedAt), Started: 1, Completed: 0));
        var completed = rows.Where(i => i.CompletedAt >= scope.From && i.CompletedAt < scope.To).Select(i => (i.DefinitionKey, Day: scope.Day(i.CompletedAt!.Value), Started: 0, Completed: 1));
        return [.. started.Concat(completed).GroupBy(x => (x.DefinitionKey, x.Day))
            .Select(g => new ThroughputRow(g.Key.DefinitionKey, g.Key.Day, g.Sum(x => x.Started), g.Sum(x => x.Completed)))
            .OrderBy(r => r.DefinitionKey, StringComparer.Ordinal).ThenBy(r => r.Day)];
    }

    /// <summary>Open tasks created in the period that are past their deadline now, most overdue first.</summary>
    private static async Task<List<OverdueRow>> OverdueAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        const string open = nameof(HumanTaskStatus.Open);
        const string overdue = nameof(DeadlineState.Overdue);
        var now = scope.Now;
        var tasks = await scope.TasksAsync(t => t.Status == open && t.CreatedAt >= scope.From && t.CreatedAt < scope.To && (t.DeadlineState == overdue || t.DueAt < now), cancellationToken);
        var instanceIds = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var notices = instanceIds.Count == 0 ? [] : await scope.Db.Outbox.AsNoTracking().Where(o => instanceIds.Contains(o.InstanceId))
            .Select(o => new { o.InstanceId, o.ActivityId, o.Title, o.Url, o.At }).ToListAsync(cancellationToken);
        return [.. tasks.Select(t =>
        {
            var escalations = notices.Where(n => n.InstanceId == t.InstanceId && n.ActivityId == t.ActivityId && n.Title.StartsWith("【督办】", StringComparison.Ordinal)).ToList();
            var nudges = notices.Count(n => n.InstanceId == t.InstanceId && (n.Url == $"/api/tasks/{t.Id}" || n.ActivityId == t.ActivityId)
                && (n.Title.StartsWith("【催办】", StringComparison.Ordinal) || n.Title.StartsWith("催办：", StringComparison.Ordinal)));
            return new OverdueRow(t.Id, t.InstanceId, t.DefinitionKey, t.ActivityId, t.Title, t.Assignee, t.CandidateRoles.Trim(','), t.CandidateUnit, t.DueAt,
                t.DueAt is { } due ? Math.Round(Math.Max(0, (now - due).TotalHours), 1) : 0,
                escalations.Count > 0, escalations.Count, nudges, escalations.Count > 0 ? escalations.Max(e => e.At) : null);
        }).OrderByDescending(r => r.OverdueHours).ThenBy(r => r.TaskId, StringComparer.Ordinal)];
    }

    private static async Task<Results<Ok<List<CategoryRow>>, ProblemHttpResult>> CategoriesEndpointAsync([AsParameters] ReportQuery query, int? depth, CancellationToken cancellationToken)
    {
        if (CategoryDepthProblem(depth) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await CategoriesAsync(await query.ResolveAsync(cancellationToken), depth ?? DefaultCategoryDepth, cancellationToken));
    }

    private const int DefaultCategoryDepth = 2;

    /// <summary>The taxonomy has four levels: duty, category, sub-category, item.</summary>
    private static ProblemHttpResult? CategoryDepthProblem(int? depth) =>
        depth is null or (>= 1 and <= 4) ? null : Problems.BadRequest("depth must be 1 (duty), 2 (category), 3 (sub-category) or 4 (item).", "depth");

    /// <summary>
    /// Instances started in the period by their event category (the <c>category</c> variable, a dotted
    /// taxonomy code such as <c>city.roads.paving.loose-paving</c>), cut to <paramref name="depth"/> levels, so
    /// depth 2 counts 城市管理 › 道路设施 together. Instances without a category are left out.
    /// </summary>
    private static async Task<List<CategoryRow>> CategoriesAsync(ReportScope scope, int depth, CancellationToken cancellationToken)
    {
        var rows = await scope.Instances(i => i.CreatedAt >= scope.From && i.CreatedAt < scope.To && i.StateJson.Contains("\"category\""))
            .Select(i => new { i.Status, i.StateJson }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Status, Category: CategoryPrefix(InstanceCategory.Of(r.StateJson), depth))).Where(r => r.Category is not null)
            .GroupBy(r => r.Category!)
            .Select(g => new CategoryRow(g.Key, g.Count(), g.Count(r => r.Status == nameof(InstanceStatus.Running)), g.Count(r => r.Status == nameof(InstanceStatus.Completed))))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Category, StringComparer.Ordinal)];
    }

    private static string? CategoryPrefix(string? code, int depth) =>
        code is null ? null : string.Join('.', code.Split('.').Take(depth));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReportCsvAsync(string name, [AsParameters] ReportQuery query, int? depth, CancellationToken cancellationToken)
    {
        if (CategoryDepthProblem(depth) is { } problem)
        {
            return problem;
        }

        var scope = await query.ResolveAsync(cancellationToken);
        var csv = name switch
        {
            "counts" => ReportCsv.Write(await CountsAsync(scope, cancellationToken)),
            "sla" => ReportCsv.Write(await SlaAsync(scope, cancellationToken)),
            "satisfaction" => ReportCsv.Write(await SatisfactionAsync(scope, cancellationToken)),
            "throughput" => ReportCsv.Write(await ThroughputAsync(scope, cancellationToken)),
            "overdue" => ReportCsv.Write(await OverdueAsync(scope, cancellationToken)),
            "categories" => ReportCsv.Write(await CategoriesAsync(scope, depth ?? DefaultCategoryDepth, cancellationToken)),
            _ => null,
        };
        if (csv is null)
        {
            return Problems.NotFound($"No report '{name}': counts, sla, satisfaction, throughput, overdue, categories or tasks.");
        }

        var file = string.Create(CultureInfo.InvariantCulture, $"{name}-{scope.From:yyyyMMdd}-{scope.To:yyyyMMdd}.csv");
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", file);
    }

    private static async Task<FileContentHttpResult> CsvAsync([AsParameters] ReportQuery query, CancellationToken cancellationToken)
    {
        var scope = await query.ResolveAsync(cancellationToken);
        var (start, end, now) = (scope.From, scope.To, scope.Now);
        var tasks = (await scope.TasksAsync(t => t.CreatedAt >= start && t.CreatedAt < end, cancellationToken)).OrderBy(t => t.CreatedAt);
        var csv = new StringBuilder();
        csv.Append('\uFEFF'); // Excel reads UTF-8 Chinese only with a BOM.
        csv.AppendLine("task_id,instance_id,definition_key,definition_version,activity_id,title,assignee,status,outcome,completed_by,created_at,due_at,completed_at,sla");
        foreach (var t in tasks)
        {
            csv.AppendJoin(',', [
                ReportCsv.Cell(t.Id), ReportCsv.Cell(t.InstanceId), ReportCsv.Cell(t.DefinitionKey), t.DefinitionVersion.ToString(CultureInfo.InvariantCulture), ReportCsv.Cell(t.ActivityId), ReportCsv.Cell(t.Title),
                ReportCsv.Cell(t.Assignee), ReportCsv.Cell(t.Status.ToLowerInvariant()), ReportCsv.Cell(t.Outcome), ReportCsv.Cell(t.CompletedBy), Time(t.CreatedAt), Time(t.DueAt), Time(t.CompletedAt), Sla(t, now),
            ]);
            csv.AppendLine();
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"tasks-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    private static int? Rating(string stateJson)
    {
        using var state = JsonDocument.Parse(stateJson);
        var root = state.RootElement;
        if (root.TryGetProperty("variables", out var vars) && vars.ValueKind == JsonValueKind.Object && AsRating(vars, out var rating))
        {
            return rating;
        }

        if (root.TryGetProperty("forms", out var forms) && forms.ValueKind == JsonValueKind.Object)
        {
            foreach (var form in forms.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Object))
            {
                if (AsRating(form.Value, out rating))
                {
                    return rating;
                }
            }
        }

        return null;
    }

    private static bool AsRating(JsonElement values, out int rating)
    {
        rating = 0;
        if (!values.TryGetProperty("satisfaction", out var v))
        {
            return false;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d))
        {
            rating = (int)Math.Round(d);
            return true;
        }

        return v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out rating);
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
}
