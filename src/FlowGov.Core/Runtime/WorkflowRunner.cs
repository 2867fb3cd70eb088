using System.Text.Json;
using FlowGov.Core.Activities;
using FlowGov.Core.Org;
using FlowGov.Core.Scripting;
using FlowGov.Core.Time;

namespace FlowGov.Core.Runtime;

/// <summary>
/// Advances one instance, single-threaded and deterministically, until every token waits or ends.
/// It mutates the instance it is given and returns what the store must commit with it. It never
/// throws for a failing activity: the instance faults with an incident instead.
/// </summary>
public sealed partial class WorkflowRunner
{
    private readonly IScriptHost _scripts;
    private readonly TimeProvider _clock;
    private readonly IIdGenerator _ids;
    private readonly ICalendarProvider _calendars;
    private readonly RunnerOptions _options;
    private readonly IOrgDirectory _org;

    public WorkflowRunner(IScriptHost scripts, TimeProvider clock, IIdGenerator ids, ICalendarProvider? calendars = null, RunnerOptions? options = null, IOrgDirectory? org = null)
    {
        _org = org ?? IOrgDirectory.None;
        _scripts = scripts;
        _clock = clock;
        _ids = ids;
        _calendars = calendars ?? ICalendarProvider.Default;
        _options = options ?? new RunnerOptions();
    }

    public TimeProvider Clock => _clock;

    public IScriptHost Scripts => _scripts;

    public ICalendarProvider Calendars => _calendars;

    public WorkdayCalendar CalendarFor(string? district) => _calendars.For(district);

    /// <summary>Creates an instance at the definition's Start and runs it until it waits or ends.</summary>
    public RunResult Start(CompiledDefinition definition, StartRequest request, string? instanceId = null)
    {
        var now = _clock.GetUtcNow();
        var def = definition.Definition;
        var instance = new WorkflowInstance
        {
            Id = instanceId ?? _ids.NewId(),
            DefinitionKey = def.Key,
            DefinitionVersion = def.Version,
            District = request.District ?? def.District,
            BusinessKey = request.BusinessKey,
            StartedBy = request.StartedBy,
            OrgUnit = request.OrgUnit,
            Status = InstanceStatus.Running,
            CreatedAt = now,
            UpdatedAt = now,
            Input = request.Input,
            ParentInstanceId = request.ParentInstanceId,
            ParentBookmarkId = request.ParentBookmarkId,
        };

        foreach (var v in def.Variables)
        {
            if (v.Default is { } d)
            {
                instance.Variables[v.Name] = d;
            }
        }

        if (request.Input is { ValueKind: JsonValueKind.Object } input)
        {
            foreach (var v in def.Variables)
            {
                if (input.TryGetProperty(v.Name, out var value))
                {
                    instance.Variables[v.Name] = value.Clone();
                }
            }
        }

        var session = NewSession(instance, definition, now);
        var token = new Token { Id = _ids.NewId(), ActivityId = definition.Start.Id, Status = TokenStatus.Ready };
        instance.Tokens.Add(token);
        session.Journal(JournalKind.InstanceStarted, null, null, null, request.StartedBy, request.Input);
        session.Ready.Enqueue(token);
        RunLoop(session);
        return session.Result;
    }

    /// <summary>Resumes one bookmark. A consumed bookmark answers <see cref="ResumeStatus.AlreadyDone"/> and changes nothing.</summary>
    public ResumeOutcome Resume(CompiledDefinition definition, WorkflowInstance instance, string bookmarkId, ResumeInput input)
    {
        if (instance.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
        {
            return ResumeOutcome.AlreadyDone($"Instance {instance.Id} is {instance.Status.ToString().ToLowerInvariant()}.");
        }

        var bookmark = instance.FindBookmark(bookmarkId);
        if (bookmark is null)
        {
            return ResumeOutcome.AlreadyDone($"Bookmark {bookmarkId} was already resumed or its path has moved on.");
        }

        if (instance.Status == InstanceStatus.Faulted)
        {
            return ResumeOutcome.Rejected($"Instance {instance.Id} is faulted; retry its incident first.");
        }

        var token = instance.FindToken(bookmark.TokenId);
        var activity = token is null ? null : definition.Find(token.ActivityId);
        if (token is null || activity is null)
        {
            return ResumeOutcome.Rejected($"Bookmark {bookmarkId} points at a token or activity this instance no longer has.");
        }

        var session = NewSession(instance, definition, _clock.GetUtcNow());
        var ctx = session.Context;
        ctx.Bind(token, activity, bookmark, input);
        ActivityResult result;
        try
        {
            result = activity.Behavior.Resume(ctx);
        }
        catch (Exception ex) when (IsActivityFailure(ex))
        {
            result = ActivityResult.Fault($"Activity '{activity.Id}' failed while resuming: {ex.Message}");
        }

        if (result.Kind == ActivityResultKind.Reject)
        {
            return ResumeOutcome.Rejected(result.Message ?? "Refused.");
        }

        if (!bookmark.Reusable)
        {
            session.RemoveBookmark(bookmark);
        }

        Apply(session, token, activity, result, resumedBy: input);
        RunLoop(session);
        return new ResumeOutcome(ResumeStatus.Resumed, session.Result);
    }

    /// <summary>
    /// Retries a faulted instance from the activity that faulted, after the cause was fixed: the
    /// data (<paramref name="variablePatch"/> is applied first and journaled) or the definition
    /// (by migrating the instance to a corrected version).
    /// </summary>
    public ResumeOutcome Retry(CompiledDefinition definition, WorkflowInstance instance, string incidentId, string? actor, IReadOnlyDictionary<string, JsonElement>? variablePatch = null)
    {
        var incident = instance.Incidents.FirstOrDefault(i => i.Id == incidentId);
        if (incident is null)
        {
            return ResumeOutcome.NotFound($"Instance {instance.Id} has no incident {incidentId}.");
        }

        if (incident.Resolved || instance.Status != InstanceStatus.Faulted)
        {
            return ResumeOutcome.AlreadyDone($"Incident {incidentId} is already resolved.");
        }

        var session = NewSession(instance, definition, _clock.GetUtcNow());
        incident.Resolved = true;
        incident.ResolvedAt = session.Now;
        instance.Status = InstanceStatus.Running;
        JsonElement? patchData = null;
        if (variablePatch is { Count: > 0 })
        {
            foreach (var (name, value) in variablePatch)
            {
                instance.Variables[name] = value;
            }

            patchData = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>(variablePatch), EngineJson.Default.DictionaryStringJsonElement);
        }

        session.Journal(JournalKind.IncidentRetried, definition.Find(incident.ActivityId), null, null, actor, patchData, incident.Message);
        foreach (var t in instance.Tokens)
        {
            if (t.Status is TokenStatus.Faulted or TokenStatus.Ready)
            {
                t.Status = TokenStatus.Ready;
                session.Ready.Enqueue(t);
            }
        }

        RunLoop(session);
        return new ResumeOutcome(ResumeStatus.Resumed, session.Result);
    }

    /// <summary>Cancels a running or faulted instance: every token ends, every open task is cancelled.</summary>
    public RunResult Cancel(CompiledDefinition definition, WorkflowInstance instance, string? actor, string? reason)
    {
        var session = NewSession(instance, definition, _clock.GetUtcNow());
        if (instance.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
        {
            return session.Result;
        }

        foreach (var t in instance.Tokens.ToArray())
        {
            session.CancelToken(t, reason ?? "Instance cancelled.");
        }

        instance.Status = InstanceStatus.Cancelled;
        instance.CompletedAt = session.Now;
        instance.UpdatedAt = session.Now;
        session.Result.StatusChanged = true;
        session.Journal(JournalKind.InstanceCancelled, null, null, null, actor, message: reason);
        return session.Result;
    }

    private RunSession NewSession(WorkflowInstance instance, CompiledDefinition definition, DateTimeOffset now) =>
        new(instance, definition, _scripts, _ids, now, _calendars.For(instance.District), _options) { Org = _org };

    private void RunLoop(RunSession session)
    {
        var instance = session.Instance;
        var ctx = session.Context;
        var steps = 0;
        while (session.Ready.Count > 0 && instance.Status == InstanceStatus.Running)
        {
            var token = session.Ready.Dequeue();
            if (session.IsCancelled(token))
            {
                continue;
            }

            var activity = session.Definition.Find(token.ActivityId);
            if (activity is null)
            {
                Fault(session, token, null, ActivityResult.Fault($"Token {token.Id} is at activity '{token.ActivityId}', which version {instance.DefinitionVersion} does not have."));
                break;
            }

            if (++steps > _options.MaxStepsPerRun)
            {
                Fault(session, token, activity, ActivityResult.Fault($"More than {_options.MaxStepsPerRun} steps without a wait: a cycle with no human task, timer or signal in it?"));
                break;
            }

            ctx.Bind(token, activity, null, null);
            ActivityResult result;
            try
            {
                result = activity.Behavior.Execute(ctx);
            }
            catch (Exception ex) when (IsActivityFailure(ex))
            {
                result = ActivityResult.Fault($"Activity '{activity.Id}' ({activity.Behavior.Type}) failed: {ex.Message}");
            }

            Apply(session, token, activity, result, resumedBy: null);
        }

        if (instance.Status == InstanceStatus.Running && instance.Tokens.Count == 0)
        {
            instance.Status = InstanceStatus.Completed;
            instance.CompletedAt = session.Now;
            session.Result.StatusChanged = true;
            session.Journal(JournalKind.InstanceCompleted, null, null, null);
        }

        instance.UpdatedAt = session.Now;
    }

    private void Apply(RunSession session, Token token, CompiledActivity activity, ActivityResult result, ResumeInput? resumedBy)
    {
        var kind = resumedBy is null ? JournalKind.ActivityExecuted : JournalKind.ActivityResumed;
        var actor = resumedBy?.Actor;
        var data = resumedBy?.Data;
        switch (result.Kind)
        {
            case ActivityResultKind.Outcome:
                if (result.Ports is { } many)
                {
                    if (_options.JournalEverySteps || resumedBy is not null)
                    {
                        session.Journal(kind, activity, string.Join(",", many), token, actor, data);
                    }

                    session.Leave(token);
                    Route(session, token, activity, many);
                }
                else
                {
                    if (_options.JournalEverySteps || resumedBy is not null)
                    {
                        session.Journal(kind, activity, result.Port, token, actor, data);
                    }

                    session.Leave(token);
                    Route(session, token, activity, result.Port!);
                }

                break;

            case ActivityResultKind.Wait:
                token.Status = TokenStatus.Waiting;
                session.Journal(resumedBy is null ? JournalKind.ActivityWaiting : JournalKind.ActivityResumed, activity, null, token, actor, data);
                break;

            case ActivityResultKind.Emit:
                token.Status = TokenStatus.Waiting;
                session.Journal(kind, activity, result.Port, token, actor, data);
                Spawn(session, token, activity, result.Port!);
                break;

            case ActivityResultKind.End:
                session.Journal(kind, activity, null, token, actor, data);
                session.Leave(token);
                session.Instance.Tokens.Remove(token);
                break;

            case ActivityResultKind.Absorb:
                session.Journal(kind, activity, null, token, actor, data, "Arrived; waiting for the other branches.");
                session.Leave(token);
                session.Instance.Tokens.Remove(token);
                break;

            case ActivityResultKind.Reject:
                Fault(session, token, activity, ActivityResult.Fault(result.Message ?? "Activity refused to run."));
                break;

            default:
                Fault(session, token, activity, result);
                break;
        }
    }

    private static void Route(RunSession session, Token token, CompiledActivity activity, string port)
    {
        var targets = activity.Targets(port);
        var scope = activity.Behavior.OpensScope ? session.Ids.NewId() : null;
        if (targets.Length == 0)
        {
            session.Instance.Tokens.Remove(token);
            return;
        }

        // Siblings copy the scopes the token had before this move, not the ones Move just added.
        var parentScopes = targets.Length > 1 ? token.Scopes?.ToList() : null;
        for (var i = 0; i < targets.Length; i++)
        {
            var t = i == 0 ? token : Fork(session, token, parentScopes);
            Move(session, t, activity, port, targets[i], scope);
        }
    }

    private static void Route(RunSession session, Token token, CompiledActivity activity, IReadOnlyList<string> ports)
    {
        var scope = activity.Behavior.OpensScope ? session.Ids.NewId() : null;
        var parentScopes = token.Scopes?.ToList();
        var moved = false;
        foreach (var port in ports)
        {
            foreach (var target in activity.Targets(port))
            {
                var t = moved ? Fork(session, token, parentScopes) : token;
                Move(session, t, activity, port, target, scope);
                moved = true;
            }
        }

        if (!moved)
        {
            session.Instance.Tokens.Remove(token);
        }
    }

    /// <summary>A non-interrupting port: a new token leaves while the original keeps waiting.</summary>
    private static void Spawn(RunSession session, Token waiting, CompiledActivity activity, string port)
    {
        foreach (var target in activity.Targets(port))
        {
            Move(session, Fork(session, waiting, waiting.Scopes), activity, port, target, null);
        }
    }

    private static Token Fork(RunSession session, Token from, List<string>? scopes)
    {
        var t = new Token
        {
            Id = session.Ids.NewId(),
            ActivityId = from.ActivityId,
            Scopes = scopes is null ? null : [.. scopes],
        };
        session.Instance.Tokens.Add(t);
        return t;
    }

    private static void Move(RunSession session, Token token, CompiledActivity from, string port, CompiledActivity to, string? scope)
    {
        if (scope is not null)
        {
            (token.Scopes ??= []).Add(scope);
        }

        token.From = from.Id;
        token.FromPort = port;
        token.ActivityId = to.Id;
        token.Status = TokenStatus.Ready;
        session.Ready.Enqueue(token);
    }

    private static void Fault(RunSession session, Token token, CompiledActivity? activity, ActivityResult fault)
    {
        var instance = session.Instance;
        token.Status = TokenStatus.Faulted;
        instance.Status = InstanceStatus.Faulted;
        session.Result.StatusChanged = true;
        var incident = new Incident
        {
            Id = session.Ids.NewId(),
            ActivityId = activity?.Id ?? token.ActivityId,
            TokenId = token.Id,
            Message = fault.Message ?? "Activity failed.",
            Property = fault.Property,
            Line = fault.Line,
            Column = fault.Column,
            At = session.Now,
        };
        instance.Incidents.Add(incident);
        session.Result.IncidentsRaised.Add(incident);
        session.Journal(JournalKind.ActivityFaulted, activity, null, token, message: incident.Message);

        // Tokens still queued stay Ready in the instance: a retry picks them up with the faulted one.
        while (session.Ready.Count > 0)
        {
            session.Ready.Dequeue();
        }
    }

    /// <summary>Activity code failing is an incident, not a crash; only truly fatal conditions escape.</summary>
    private static bool IsActivityFailure(Exception ex) => ex is not (OutOfMemoryException or StackOverflowException or OperationCanceledException);
}
