using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Server.Accounts;
using FlowGov.Server.Definitions;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Tasks;

/// <summary>
/// 退回 (send back): the holder of an open task returns it to an earlier user-task step of the
/// instance's path; that step's task is created again for whoever completed it last time.
/// </summary>
public static class SendBackEndpoints
{
    public static RouteGroupBuilder MapSendBackEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");
        group.MapGet("/{id}/send-back-targets", TargetsAsync);
        group.MapPost("/{id}/send-back", SendBackAsync).RequireAuthorization(Policies.Worker);
        return group;
    }

    private static async Task<Results<Ok<List<SendBackTarget>>, ProblemHttpResult>> TargetsAsync(string id, TaskActions tasks, FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var (task, problem) = await TaskEndpoints.WorkableAsync(id, tasks, me, cancellationToken);
        if (task is null)
        {
            return problem!;
        }

        return TypedResults.Ok(await TargetsOfAsync(db, me.District, task.InstanceId, task.ActivityId, task.DefinitionKey, task.DefinitionVersion, cancellationToken));
    }

    private static async Task<Results<Ok<SendBackResponse>, ProblemHttpResult>> SendBackAsync(string id, SendBackRequest request, TaskActions tasks, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ToActivityId))
        {
            return Problems.BadRequest("toActivityId is required: one of GET /api/tasks/{id}/send-back-targets.", "toActivityId");
        }

        if (request.Comment is { Length: > 2000 })
        {
            return Problems.BadRequest("comment is limited to 2000 characters.", "comment");
        }

        var (task, problem) = await TaskEndpoints.WorkableAsync(id, tasks, me, cancellationToken);
        if (task is null)
        {
            return problem!;
        }

        var targets = await TargetsOfAsync(db, me.District, task.InstanceId, task.ActivityId, task.DefinitionKey, task.DefinitionVersion, cancellationToken);
        if (!targets.Any(t => t.ActivityId == request.ToActivityId))
        {
            return Problems.BadRequest($"'{request.ToActivityId}' is not an earlier user-task step of this instance's path.", "toActivityId");
        }

        var instanceId = task.InstanceId;
        var toActivityId = request.ToActivityId;
        var previous = await db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.ActivityId == toActivityId && t.Status == nameof(HumanTaskStatus.Completed))
            .OrderByDescending(t => t.CompletedAt)
            .Select(t => t.CompletedBy)
            .FirstOrDefaultAsync(cancellationToken);
        var audit = Audit.AuditTrail.Note(me, "task.send-back", clock.GetUtcNow(), id, $"to {toActivityId}" + (request.Comment is null ? "" : ": " + request.Comment));
        var outcome = await engine.SendBackAsync(id, toActivityId, previous, me.Id, request.Comment, audit, cancellationToken);
        if (outcome.Status != ResumeStatus.Resumed)
        {
            return outcome.Status == ResumeStatus.AlreadyDone
                ? Problems.Conflict(outcome.Message ?? $"Task '{id}' is no longer open.")
                : Problems.BadRequest(outcome.Message ?? "Refused.", "toActivityId");
        }

        var created = outcome.Result!.TasksCreated.FirstOrDefault(t => t.ActivityId == toActivityId && outcome.Result.Instance.FindTask(t.Id) is not null);
        return created is null
            ? Problems.Conflict($"'{toActivityId}' did not create a task when it ran again; see the instance's journal.")
            : TypedResults.Ok(new SendBackResponse(created.Id, created.ActivityId, created.Assignee));
    }

    /// <summary>User-task steps that completed earlier in this instance, in the order they first completed, except the current one.</summary>
    private static async Task<List<SendBackTarget>> TargetsOfAsync(FlowGovDbContext db, string district, string instanceId, string currentActivityId, string key, int version, CancellationToken cancellationToken)
    {
        var definition = await DefinitionEndpoints.LoadAsync(db, district, key, version, cancellationToken);
        if (definition is null)
        {
            return [];
        }

        var done = await db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.Status == nameof(HumanTaskStatus.Completed) && t.ActivityId != currentActivityId)
            .OrderBy(t => t.CompletedAt)
            .Select(t => t.ActivityId)
            .ToListAsync(cancellationToken);
        var byId = definition.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        return
        [
            .. done.Distinct(StringComparer.Ordinal)
                .Where(a => byId.TryGetValue(a, out var activity) && activity.Type == WorkflowRunner.UserTaskType)
                .Select(a => new SendBackTarget(a, byId[a].Name ?? a)),
        ];
    }
}
