using System.Text.Json;
using FlowGov.Core.Forms;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Attachments;
using FlowGov.Server.Audit;
using FlowGov.Server.Forms;
using FlowGov.Server.Hosting;
using FlowGov.Server.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Tasks;

/// <summary>The task inbox and everything done to a task: claim, unclaim, submit, hand over (转办), delegate (委托), nudge (催办), comment.</summary>
public static class TaskEndpoints
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");
        group.MapGet("/inbox", InboxAsync);
        group.MapGet("/counts", CountsAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/claim", ClaimAsync).RequireAuthorization(Policies.Worker);
        group.MapPost("/{id}/unclaim", UnclaimAsync).RequireAuthorization(Policies.Worker);
        group.MapPost("/{id}/submit", SubmitAsync).RequireAuthorization(Policies.Worker);
        group.MapPost("/{id}/handover", HandOverAsync).RequireAuthorization(Policies.Worker);
        group.MapPost("/{id}/delegate", DelegateAsync).RequireAuthorization(Policies.Worker);
        group.MapPost("/{id}/nudge", NudgeAsync).RequireAuthorization(Policies.Worker);
        group.MapGet("/{id}/comments", CommentsAsync);
        group.MapPost("/{id}/comments", CommentAsync);
        return group;
    }

    private static async Task<Results<Ok<Page<TaskResponse>>, ProblemHttpResult>> InboxAsync(FlowGovDbContext db, CurrentUser me, TimeProvider clock, string? scope, bool? overdue, string? definitionKey, string? category, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        scope ??= "all";
        if (scope is not ("all" or "assigned" or "candidate" or "delegated"))
        {
            return Problems.BadRequest("scope must be all, assigned, candidate or delegated.", "scope");
        }

        var (p, size) = Paging.Normalize(page, pageSize);
        var (assigned, candidate, delegated) = await InboxSetsAsync(db, me, cancellationToken);
        IEnumerable<(TaskRow Task, string? DelegatedBy)> rows = scope switch
        {
            "assigned" => assigned.Select(t => (t, (string?)null)),
            "candidate" => candidate.Select(t => (t, (string?)null)),
            "delegated" => delegated.Select(t => (t, (string?)me.Id)),
            _ => assigned.Concat(candidate).Select(t => (t, (string?)null)).Concat(delegated.Select(t => (t, (string?)me.Id))),
        };
        var now = clock.GetUtcNow();
        if (overdue == true)
        {
            rows = rows.Where(r => IsOverdue(r.Task, now));
        }

        if (!string.IsNullOrEmpty(definitionKey))
        {
            rows = rows.Where(r => r.Task.DefinitionKey == definitionKey);
        }

        if (!string.IsNullOrEmpty(category))
        {
            // The event category lives in the instance's variables, not on the task: read it for the inbox's instances only.
            var candidates = rows.ToList();
            var instanceIds = candidates.Select(r => r.Task.InstanceId).Distinct().ToList();
            var states = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).Select(i => new { i.Id, i.StateJson }).ToListAsync(cancellationToken);
            var inCategory = states.Where(i => InstanceCategory.IsWithin(InstanceCategory.Of(i.StateJson), category)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            rows = candidates.Where(r => inCategory.Contains(r.Task.InstanceId));
        }

        var list = rows.DistinctBy(r => r.Task.Id).OrderBy(r => r.Task.DueAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.Task.CreatedAt).ToList();
        var items = list.Skip((p - 1) * size).Take(size).Select(r => TaskResponse.From(r.Task, r.DelegatedBy)).ToList();
        return TypedResults.Ok(new Page<TaskResponse>(items, p, size, list.Count));
    }

    private static async Task<Ok<InboxCounts>> CountsAsync(FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (assigned, candidate, delegated) = await InboxSetsAsync(db, me, cancellationToken);
        var now = clock.GetUtcNow();
        var mine = assigned.Concat(candidate).ToList();
        return TypedResults.Ok(new InboxCounts(assigned.Count, candidate.Count, delegated.Count,
            mine.Count(t => !IsOverdue(t, now) && (t.DeadlineState == nameof(DeadlineState.Warned) || t.WarnAt <= now)),
            mine.Count(t => IsOverdue(t, now))));
    }

    private static async Task<Results<Ok<TaskDetail>, ProblemHttpResult>> GetAsync(string id, TaskActions tasks, CurrentUser me, WorkflowEngine engine, FlowGovDbContext db, CancellationToken cancellationToken)
    {
        var task = await tasks.FindAsync(id, cancellationToken);
        var access = await me.AccessAsync(cancellationToken);
        if (task is null || !await tasks.CanSeeAsync(task, access, cancellationToken))
        {
            return Problems.NotFound($"No task '{id}' for you in your district.");
        }

        JsonElement? form = null;
        JsonElement? values = null;
        if (task.FormKey is { } formKey)
        {
            var definition = await engine.Store.FindDefinitionAsync(me.District, task.DefinitionKey, task.DefinitionVersion, cancellationToken);
            form = definition?.Forms.TryGetValue(formKey, out var f) == true ? f : null;
            var instance = await engine.Store.LoadInstanceAsync(task.InstanceId, cancellationToken);
            values = instance?.Forms.TryGetValue(formKey, out var v) == true ? v : null;
        }

        var delegator = await tasks.DelegatorAsync(id, cancellationToken);
        var people = await DisplayNames.ForAsync(db, [task.Assignee, delegator], cancellationToken);
        return TypedResults.Ok(new TaskDetail(TaskResponse.From(task, delegator), form, values, TaskActions.CanWork(task, access), people));
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> ClaimAsync(string id, TaskActions tasks, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (task, problem) = await WorkableAsync(id, tasks, me, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (task!.Assignee == me.Id)
        {
            return TypedResults.Ok(TaskResponse.From(task, null));
        }

        var changed = await tasks.ChangeAsync(task, t =>
        {
            if (t.Assignee is not null)
            {
                return false;
            }

            t.Assignee = me.Id;
            return true;
        }, cancellationToken);
        if (!changed)
        {
            return Problems.Conflict($"Task '{id}' was claimed by someone else or is no longer open.");
        }

        AuditTrail.Add(db, me, "task.claim", id, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TaskResponse.From((await tasks.FindAsync(id, cancellationToken))!, null));
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> UnclaimAsync(string id, TaskActions tasks, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (task, problem) = await WorkableAsync(id, tasks, me, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (Lists.Split(task!.CandidateRoles).Count == 0)
        {
            return Problems.Conflict("This task was assigned to you by name and has no candidate roles to return it to; hand it over instead.");
        }

        var changed = await tasks.ChangeAsync(task, t =>
        {
            if (t.Assignee != me.Id)
            {
                return false;
            }

            t.Assignee = null;
            return true;
        }, cancellationToken);
        if (!changed)
        {
            return Problems.Conflict($"Task '{id}' is not claimed by you or is no longer open.");
        }

        AuditTrail.Add(db, me, "task.unclaim", id, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TaskResponse.From((await tasks.FindAsync(id, cancellationToken))!, null));
    }

    private static async Task<IResult> SubmitAsync(
        string id,
        SubmitTaskRequest request,
        [FromHeader(Name = IdempotencyStore.HeaderName)] string? idempotencyKey,
        HttpContext http,
        TaskActions tasks,
        IdempotencyStore idempotency,
        WorkflowEngine engine,
        FlowGovDbContext db,
        CurrentUser me,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is null)
        {
            return await SubmitOnceAsync(id, request, tasks, engine, db, me, clock, cancellationToken);
        }

        if (idempotencyKey.Length is 0 or > 200)
        {
            return Problems.BadRequest($"{IdempotencyStore.HeaderName} must be 1 to 200 characters.", IdempotencyStore.HeaderName);
        }

        var hash = IdempotencyStore.Hash(http.Request.Method, http.Request.Path, JsonSerializer.Serialize(request, Web));
        var (outcome, stored) = await idempotency.BeginAsync(me.Id, me.District, idempotencyKey, hash, cancellationToken);
        switch (outcome)
        {
            case IdempotencyOutcome.Replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Content(stored!.ResponseJson, stored.StatusCode >= 400 ? "application/problem+json" : "application/json", statusCode: stored.StatusCode);
            case IdempotencyOutcome.InProgress:
                return Problems.Conflict($"A request with this {IdempotencyStore.HeaderName} is still in progress; retry shortly.");
            case IdempotencyOutcome.Mismatch:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                    detail: $"This {IdempotencyStore.HeaderName} was used for a different request.");
        }

        IResult result;
        try
        {
            result = await SubmitOnceAsync(id, request, tasks, engine, db, me, clock, cancellationToken);
        }
        catch
        {
            await idempotency.AbandonAsync(me.Id, idempotencyKey);
            throw;
        }

        var (status, json) = Describe(result, http);
        await idempotency.CompleteAsync(me.Id, idempotencyKey, status, json, CancellationToken.None);
        return result;
    }

    private static (int Status, string Json) Describe(IResult result, HttpContext http) => result switch
    {
        Ok<SubmitTaskResponse> ok => (200, JsonSerializer.Serialize(ok.Value, Web)),
        ProblemHttpResult problem => (problem.StatusCode, JsonSerializer.Serialize(WithDefaults(problem.ProblemDetails, http), Web)),
        _ => (500, "{}"),
    };

    private static ProblemDetails WithDefaults(ProblemDetails problem, HttpContext http)
    {
        problem.Instance ??= http.Request.Path;
        return problem;
    }

    private static async Task<IResult> SubmitOnceAsync(string id, SubmitTaskRequest request, TaskActions tasks, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (task, problem) = await WorkableAsync(id, tasks, me, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcomes = Lists.Split(task!.Outcomes);
        var outcome = request.Outcome ?? (outcomes.Count == 1 ? outcomes[0] : null);
        if (outcome is null || !outcomes.Contains(outcome))
        {
            return Problems.BadRequest($"outcome must be one of: {string.Join(", ", outcomes)}.", "outcome");
        }

        if (request.Values is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return Problems.BadRequest("values must be a JSON object of form field values.", "values");
        }

        // The engine validates the values against the form of the version the task was created
        // under, inside the same load → step → commit loop that makes the transition (one path).
        var access = await me.AccessAsync(cancellationToken);
        JsonElement? previousValues = null;
        if (task.FormKey is { } formKey && await engine.Store.LoadInstanceAsync(task.InstanceId, cancellationToken) is { } instance
            && instance.Forms.TryGetValue(formKey, out var previous))
        {
            previousValues = previous;
        }

        var resumed = await engine.SubmitTaskAsync(id, new TaskSubmission
        {
            User = FormEndpoints.User(me, access),
            Outcome = outcome,
            Values = request.Values is { ValueKind: JsonValueKind.Object } values ? values : null,
            // Photo/file values must be files uploaded for this task (POST /api/tasks/{id}/attachments).
            Attachments = task.FormKey is null ? null : await TaskAttachments.ForTaskAsync(db, id, task.InstanceId, previousValues, cancellationToken),
            Audit = AuditTrail.Note(me, "task.submit", clock.GetUtcNow(), id, outcome),
        }, cancellationToken);
        return resumed.Status switch
        {
            ResumeStatus.Resumed => TypedResults.Ok(new SubmitTaskResponse(id, task.InstanceId, outcome, resumed.Result!.Instance.Status.ToString().ToLowerInvariant(),
                [.. resumed.Result.TasksCreated.Select(t => t.Id)])),
            ResumeStatus.NotFound => Problems.NotFound(resumed.Message ?? $"No task '{id}' in your district."),
            ResumeStatus.Rejected when resumed.FormErrors.Count > 0 => Problems.FieldErrors(
                $"The values do not satisfy form '{task.FormKey}' of {task.DefinitionKey} v{task.DefinitionVersion}.",
                resumed.FormErrors.GroupBy(e => e.Path.Length == 0 ? "$" : e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
            ResumeStatus.Rejected => Problems.Unprocessable(resumed.Message ?? "The submission was refused."),
            _ => Problems.Conflict(resumed.Message ?? $"Task '{id}' was already completed."),
        };
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> HandOverAsync(string id, AssignRequest request, TaskActions tasks, FlowGovDbContext db, CurrentUser me, FlowGov.Core.Runtime.IIdGenerator ids, TimeProvider clock, CancellationToken cancellationToken) =>
        await AssignAsync(id, request, delegating: false, tasks, db, me, ids, clock, cancellationToken);

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> DelegateAsync(string id, AssignRequest request, TaskActions tasks, FlowGovDbContext db, CurrentUser me, FlowGov.Core.Runtime.IIdGenerator ids, TimeProvider clock, CancellationToken cancellationToken) =>
        await AssignAsync(id, request, delegating: true, tasks, db, me, ids, clock, cancellationToken);

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> AssignAsync(string id, AssignRequest request, bool delegating, TaskActions tasks, FlowGovDbContext db, CurrentUser me, FlowGov.Core.Runtime.IIdGenerator ids, TimeProvider clock, CancellationToken cancellationToken)
    {
        var task = await tasks.FindAsync(id, cancellationToken);
        var access = await me.AccessAsync(cancellationToken);
        if (task is null || !await tasks.CanSeeAsync(task, access, cancellationToken))
        {
            return Problems.NotFound($"No task '{id}' for you in your district.");
        }

        if (task.Status != nameof(HumanTaskStatus.Open))
        {
            return Problems.Conflict($"Task '{id}' is {task.Status.ToLowerInvariant()}.");
        }

        // Hand-over: the holder, or a supervisor/admin re-dispatching. Delegation: only the holder.
        var holder = TaskActions.CanWork(task, access);
        if (!holder && (delegating || !access.IsSupervisor))
        {
            return Problems.Forbidden(delegating ? "Only the person holding a task may delegate it." : "Only the person holding a task, a supervisor or an admin may hand it over.");
        }

        var target = string.IsNullOrWhiteSpace(request.UserId) ? null : await tasks.FindUserAsync(request.UserId.Trim(), cancellationToken);
        if (target is null)
        {
            return Problems.BadRequest($"userId '{request.UserId}' is not an active user (id or user name) of your district.", "userId");
        }

        var userId = target.Id;
        if (userId == me.Id)
        {
            return Problems.BadRequest("userId is yourself.", "userId");
        }

        if (request.Comment is { Length: > 2000 })
        {
            return Problems.BadRequest("comment is at most 2000 characters.", "comment");
        }

        var changed = await tasks.ChangeAsync(task, t =>
        {
            t.Assignee = userId;
            return true;
        }, cancellationToken);
        if (!changed)
        {
            return Problems.Conflict($"Task '{id}' is no longer open.");
        }

        var now = clock.GetUtcNow();
        if (delegating)
        {
            db.TaskDelegations.Add(new TaskDelegationRow { District = me.District, TaskId = id, FromUser = me.Id, ToUser = userId, At = now });
        }
        else
        {
            await db.TaskDelegations.Where(d => d.TaskId == id).ExecuteDeleteAsync(cancellationToken);
        }

        // The new holder hears of it in their notifications (kind "assigned").
        db.Outbox.Add(new OutboxRow
        {
            Id = ids.NewId(),
            InstanceId = task.InstanceId,
            District = me.District,
            ActivityId = task.ActivityId,
            Channel = "inbox",
            Users = Lists.Join([userId]),
            Roles = "",
            Title = $"【待办】{task.Title}",
            Body = request.Comment,
            Url = $"/api/tasks/{id}",
            At = now,
        });
        AuditTrail.Add(db, me, delegating ? "task.delegate" : "task.handover", id, now, JsonSerializer.Serialize(new { to = userId, comment = request.Comment }, Web));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TaskResponse.From((await tasks.FindAsync(id, cancellationToken))!, delegating ? me.Id : null));
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> NudgeAsync(string id, NudgeRequest? request, TaskActions tasks, FlowGovDbContext db, CurrentUser me, FlowGov.Core.Runtime.IIdGenerator ids, TimeProvider clock, CancellationToken cancellationToken)
    {
        var task = await tasks.FindAsync(id, cancellationToken);
        var access = await me.AccessAsync(cancellationToken);
        if (task is null || !await tasks.CanSeeAsync(task, access, cancellationToken))
        {
            return Problems.NotFound($"No task '{id}' for you in your district.");
        }

        if (task.Status != nameof(HumanTaskStatus.Open))
        {
            return Problems.Conflict($"Task '{id}' is {task.Status.ToLowerInvariant()}: nothing to nudge.");
        }

        var starter = await db.Instances.AnyAsync(i => i.Id == task.InstanceId && i.StartedBy == me.Id, cancellationToken);
        if (!access.IsSupervisor && !starter)
        {
            return Problems.Forbidden("Nudging (催办) needs the supervisor or admin role, or having started the process.");
        }

        if (request?.Message is { Length: > 500 })
        {
            return Problems.BadRequest("message is at most 500 characters.", "message");
        }

        var now = clock.GetUtcNow();
        db.Outbox.Add(new OutboxRow
        {
            Id = ids.NewId(),
            InstanceId = task.InstanceId,
            District = me.District,
            ActivityId = task.ActivityId,
            Channel = "inbox",
            Users = task.Assignee is { } a ? Lists.Join([a]) : "",
            Roles = task.Assignee is null ? task.CandidateRoles : "",
            Unit = task.Assignee is null ? task.CandidateUnit : null,
            Title = $"催办：{task.Title}",
            Body = request?.Message,
            Url = $"/api/tasks/{id}",
            At = now,
        });
        AuditTrail.Add(db, me, "task.nudge", id, now, request?.Message);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/tasks/{id}");
    }

    private static async Task<Results<Ok<List<CommentResponse>>, ProblemHttpResult>> CommentsAsync(string id, TaskActions tasks, FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var task = await tasks.FindAsync(id, cancellationToken);
        if (task is null || !await tasks.CanSeeAsync(task, await me.AccessAsync(cancellationToken), cancellationToken))
        {
            return Problems.NotFound($"No task '{id}' for you in your district.");
        }

        var rows = await db.AuditLog.AsNoTracking().Where(a => a.Action == "task.comment" && a.Subject == id).OrderBy(a => a.Id)
            .Select(a => new CommentResponse(a.Id, a.Actor, a.At, a.Data ?? "")).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Created<CommentResponse>, ProblemHttpResult>> CommentAsync(string id, CommentRequest request, TaskActions tasks, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var task = await tasks.FindAsync(id, cancellationToken);
        if (task is null || !await tasks.CanSeeAsync(task, await me.AccessAsync(cancellationToken), cancellationToken))
        {
            return Problems.NotFound($"No task '{id}' for you in your district.");
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 2000)
        {
            return Problems.BadRequest("text is required, at most 2000 characters.", "text");
        }

        var now = clock.GetUtcNow();
        var row = new AuditRow { District = me.District, Actor = me.Id, Action = "task.comment", Subject = id, At = now, Source = me.ClientAddress ?? "api", Data = request.Text };
        db.AuditLog.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tasks/{id}/comments", new CommentResponse(row.Id, me.Id, now, request.Text));
    }

    /// <summary>The task if it is open and the current user may work it; otherwise the problem to answer.</summary>
    internal static async Task<(TaskRow? Task, ProblemHttpResult? Problem)> WorkableAsync(string id, TaskActions tasks, CurrentUser me, CancellationToken cancellationToken)
    {
        var task = await tasks.FindAsync(id, cancellationToken);
        var access = await me.AccessAsync(cancellationToken);
        if (task is null || !await tasks.CanSeeAsync(task, access, cancellationToken))
        {
            return (null, Problems.NotFound($"No task '{id}' for you in your district."));
        }

        if (task.Status != nameof(HumanTaskStatus.Open))
        {
            return (null, Problems.Conflict($"Task '{id}' is already {task.Status.ToLowerInvariant()}."));
        }

        return await tasks.CanWorkAsync(task, access, cancellationToken)
            ? (task, null)
            : (null, Problems.Forbidden(task.Assignee is null
                ? $"Task '{id}' is offered to {task.CandidateRoles.Trim(',')} at {task.CandidateUnit ?? "the district"}, which you do not hold."
                : $"Task '{id}' is assigned to someone else."));
    }

    private static bool IsOverdue(TaskRow t, DateTimeOffset now) => t.DeadlineState == nameof(DeadlineState.Overdue) || t.DueAt < now;

    private static async Task<(List<TaskRow> Assigned, List<TaskRow> Candidate, List<TaskRow> Delegated)> InboxSetsAsync(FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var userId = me.Id;
        const string open = nameof(HumanTaskStatus.Open);
        var assigned = await db.Tasks.AsNoTracking().Where(t => t.Status == open && t.Assignee == userId).ToListAsync(cancellationToken);
        var access = await me.AccessAsync(cancellationToken);
        var candidate = new Dictionary<string, TaskRow>(StringComparer.Ordinal);
        foreach (var role in access.Roles)
        {
            var pattern = Lists.ContainsPattern(role);
            var rows = await db.Tasks.AsNoTracking().Where(t => t.Status == open && t.Assignee == null && EF.Functions.Like(t.CandidateRoles, pattern)).ToListAsync(cancellationToken);
            foreach (var t in rows.Where(t => access.Holds(role, t.CandidateUnit)))
            {
                candidate.TryAdd(t.Id, t);
            }
        }

        var delegatedIds = await db.TaskDelegations.AsNoTracking().Where(d => d.FromUser == userId).Select(d => d.TaskId).Distinct().ToListAsync(cancellationToken);
        var delegated = delegatedIds.Count == 0 ? [] : await db.Tasks.AsNoTracking().Where(t => t.Status == open && delegatedIds.Contains(t.Id) && t.Assignee != userId).ToListAsync(cancellationToken);
        return (assigned, [.. candidate.Values], delegated);
    }
}
