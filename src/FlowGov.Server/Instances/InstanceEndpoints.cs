using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Audit;
using FlowGov.Server.Hosting;
using FlowGov.Server.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Instances;

/// <summary>Process instances of the district: start, list, inspect, cancel, retry an incident, deliver signals.</summary>
public static class InstanceEndpoints
{
    public static RouteGroupBuilder MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Instances");
        group.MapPost("/", StartAsync).RequireAuthorization(Policies.Worker);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(Policies.Worker);
        group.MapPost("/{id}/incidents/{incidentId}/retry", RetryAsync).RequireAuthorization(Policies.Worker);
        app.MapPost("/api/signals", SignalAsync).WithTags("Instances").RequireAuthorization(Policies.Worker);
        return group;
    }

    private static async Task<Results<Created<InstanceDetail>, ProblemHttpResult>> StartAsync(StartInstanceRequest request, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionKey))
        {
            return Problems.BadRequest("definitionKey is required.", "definitionKey");
        }

        if (request.BusinessKey is { Length: > 200 })
        {
            return Problems.BadRequest("businessKey is at most 200 characters.", "businessKey");
        }

        if (request.Version is { } v && await engine.Store.FindDefinitionAsync(me.District, request.DefinitionKey, v, cancellationToken) is not null)
        {
            var district = me.District;
            var retired = await db.Definitions.AnyAsync(d => d.Key == request.DefinitionKey && d.Version == v && d.Status == DefinitionStatus.Retired && (d.District == district || d.District == ""), cancellationToken);
            if (retired)
            {
                return Problems.Conflict($"'{request.DefinitionKey}' v{v} is retired: it accepts no new starts.");
            }
        }

        // The instance belongs to the unit it is started for; reports by unit count it there.
        var access = await me.AccessAsync(cancellationToken);
        var units = access.Units;
        if (request.OrgUnit is { } asked && !units.Contains(asked, StringComparer.Ordinal))
        {
            return Problems.BadRequest(
                units.Count == 0 ? $"orgUnit '{asked}' is not yours: you have no org unit." : $"orgUnit '{asked}' is not one of your units ({string.Join(", ", units)}).",
                "orgUnit");
        }

        var result = await engine.StartAsync(request.DefinitionKey, new StartRequest
        {
            District = me.District,
            Input = request.Input,
            BusinessKey = request.BusinessKey,
            StartedBy = me.Id,
            OrgUnit = request.OrgUnit ?? access.HomeUnit,
            Audit = AuditTrail.Note(me, "instance.start", clock.GetUtcNow(), data: request.Version is { } version ? $"{request.DefinitionKey}@{version}" : request.DefinitionKey),
        }, request.Version, cancellationToken);
        var detail = await DetailAsync(result.Instance.Id, engine, db, cancellationToken);
        return TypedResults.Created($"/api/instances/{result.Instance.Id}", detail!);
    }

    private static async Task<Ok<Page<InstanceSummary>>> ListAsync(FlowGovDbContext db, string? definitionKey, string? status, string? businessKey, string? startedBy, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var query = db.Instances.AsNoTracking();
        if (!string.IsNullOrEmpty(definitionKey))
        {
            query = query.Where(i => i.DefinitionKey == definitionKey);
        }

        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out var s))
            {
                throw new ApiProblemException(400, "Bad request", $"status must be one of {string.Join(", ", Enum.GetNames<InstanceStatus>())}.", new Dictionary<string, object?> { ["field"] = "status" });
            }

            var name = s.ToString();
            query = query.Where(i => i.Status == name);
        }

        if (!string.IsNullOrEmpty(businessKey))
        {
            query = query.Where(i => i.BusinessKey == businessKey);
        }

        if (!string.IsNullOrEmpty(startedBy))
        {
            query = query.Where(i => i.StartedBy == startedBy);
        }

        // Counted only up to a cap: a district with a million instances lists as fast as one with ten thousand.
        var (total, totalIsLowerBound) = await query.CountUpToAsync(cancellationToken: cancellationToken);
        var rows = await query.NewestFirst().Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<InstanceSummary>([.. rows.Select(Summary)], p, size, total) { TotalIsLowerBound = totalIsLowerBound });
    }

    private static async Task<Results<Ok<InstanceDetail>, ProblemHttpResult>> GetAsync(string id, WorkflowEngine engine, FlowGovDbContext db, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(id, engine, db, cancellationToken);
        return detail is null ? Problems.NotFound($"No instance '{id}' in your district.") : TypedResults.Ok(detail);
    }

    private static async Task<Results<Ok<InstanceDetail>, ProblemHttpResult>> CancelAsync(string id, CancelRequest? request, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var instance = await engine.Store.LoadInstanceAsync(id, cancellationToken);
        if (instance is null)
        {
            return Problems.NotFound($"No instance '{id}' in your district.");
        }

        var access = await me.AccessAsync(cancellationToken);
        if (instance.StartedBy != me.Id && !access.IsSupervisor)
        {
            return Problems.Forbidden("Only the person who started it, a supervisor or an admin may cancel an instance.");
        }

        if (request?.Reason is { Length: > 1000 })
        {
            return Problems.BadRequest("reason is at most 1000 characters.", "reason");
        }

        if (!await engine.CancelAsync(id, me.Id, request?.Reason, AuditTrail.Note(me, "instance.cancel", clock.GetUtcNow(), id, request?.Reason), cancellationToken))
        {
            return Problems.Conflict($"Instance '{id}' has already ended ({instance.Status}).");
        }

        return TypedResults.Ok((await DetailAsync(id, engine, db, cancellationToken))!);
    }

    private static async Task<Results<Ok<InstanceDetail>, ProblemHttpResult>> RetryAsync(string id, string incidentId, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = await me.AccessAsync(cancellationToken);
        if (!access.IsSupervisor && !access.HoldsAnywhere(RoleNames.Designer))
        {
            return Problems.Forbidden("Retrying an incident needs the supervisor, designer or admin role.");
        }

        var outcome = await engine.RetryAsync(id, incidentId, me.Id, null, AuditTrail.Note(me, "instance.retry", clock.GetUtcNow(), id, incidentId), cancellationToken);
        switch (outcome.Status)
        {
            case ResumeStatus.NotFound:
                return Problems.NotFound(outcome.Message ?? $"No instance '{id}' in your district.");
            case ResumeStatus.Rejected:
            case ResumeStatus.AlreadyDone:
                return Problems.Conflict(outcome.Message ?? "Nothing to retry.");
            default:
                return TypedResults.Ok((await DetailAsync(id, engine, db, cancellationToken))!);
        }
    }

    private static async Task<Results<Ok<SignalResponse>, ProblemHttpResult>> SignalAsync(SignalRequest request, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Signal) || string.IsNullOrWhiteSpace(request.Correlation))
        {
            return Problems.BadRequest("signal and correlation are required.", string.IsNullOrWhiteSpace(request.Signal) ? "signal" : "correlation");
        }

        var outcomes = await engine.SignalAsync(request.Signal, request.Correlation, request.Payload, me.Id, cancellationToken);
        var resumed = outcomes.Where(o => o.Status == ResumeStatus.Resumed).Select(o => o.Result!.Instance.Id).ToList();
        AuditTrail.Add(db, me, "signal", request.Signal, clock.GetUtcNow(), request.Correlation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new SignalResponse(resumed.Count, resumed));
    }

    internal static async Task<InstanceDetail?> DetailAsync(string id, WorkflowEngine engine, FlowGovDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        var instance = row is null ? null : await engine.Store.LoadInstanceAsync(id, cancellationToken);
        if (row is null || instance is null)
        {
            return null;
        }

        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == id && t.Status == "Open").OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence)
            .Select(j => new JournalItem(j.Sequence, j.Kind, j.ActivityId, j.ActivityType, j.Port, j.Actor, j.At, j.Data, j.Message)).ToListAsync(cancellationToken);
        var incidents = instance.Incidents.Select(i => new IncidentItem(i.Id, i.ActivityId, i.Message, i.Property, i.Line, i.Column, i.At, i.Resolved)).ToList();
        // The timeline shows people by name: every user the detail mentions, id → display name.
        var people = await DisplayNames.ForAsync(db, journal.Select(j => j.Actor).Append(row.StartedBy).Concat(tasks.Select(t => t.Assignee)), cancellationToken);
        return new InstanceDetail(Summary(row), instance.Variables, instance.Forms, [.. tasks.Select(t => TaskResponse.From(t, null))], incidents, journal, people);
    }

    internal static InstanceSummary Summary(InstanceRow i) =>
        new(i.Id, i.DefinitionKey, i.DefinitionVersion, i.Status.ToLowerInvariant(), i.BusinessKey, i.StartedBy, i.CreatedAt, i.UpdatedAt, i.CompletedAt, i.DefinitionVersion < 0, i.OrgUnit);
}
