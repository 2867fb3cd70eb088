using System.Globalization;
using System.Text.Json;
using FlowGov.Core.Versioning;

namespace FlowGov.Core.Runtime;

/// <summary>
/// Moving tokens by hand: migrating an instance to another version of its definition, and sending
/// a task back to an earlier step (退回). Both go through <see cref="Relocate"/>, so a token is
/// re-pointed the same way whether it keeps waiting (migration) or runs its new activity again (send back).
/// </summary>
public sealed partial class WorkflowRunner
{
    public const string UserTaskType = "UserTask";

    /// <summary>
    /// Plans (and unless <paramref name="dryRun"/>, applies) moving <paramref name="instance"/> from
    /// <paramref name="from"/> to <paramref name="to"/>. Ids present in both versions map to themselves
    /// unless <paramref name="activityMap"/> says otherwise. Nothing restarts: waiting tokens keep
    /// waiting, tasks keep their assignment, claim and due times, timers keep their ids and due times.
    /// With problems nothing changes and the result is null.
    /// </summary>
    public (InstanceMigration Report, RunResult? Result) Migrate(CompiledDefinition from, CompiledDefinition to, WorkflowInstance instance, IReadOnlyDictionary<string, string> activityMap, string? actor, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(activityMap);
        var actions = new List<string>();
        var problems = new List<string>();
        var fromVersion = from.Definition.Version;
        var toVersion = to.Definition.Version;
        if (instance.DefinitionKey != from.Definition.Key || instance.DefinitionKey != to.Definition.Key)
        {
            problems.Add($"Instance {instance.Id} runs '{instance.DefinitionKey}', not '{to.Definition.Key}'.");
        }

        if (instance.DefinitionVersion != fromVersion)
        {
            problems.Add($"Instance {instance.Id} is pinned to v{instance.DefinitionVersion}, not v{fromVersion}.");
        }

        if (instance.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
        {
            problems.Add($"Instance {instance.Id} has ended ({instance.Status.ToString().ToLowerInvariant()}); only running or faulted instances migrate.");
        }

        foreach (var (oldId, newId) in activityMap)
        {
            if (from.Find(oldId) is null)
            {
                problems.Add($"activityMap: '{oldId}' is not an activity of v{fromVersion}.");
            }

            if (to.Find(newId) is null)
            {
                problems.Add($"activityMap: '{oldId}' → '{newId}', but v{toVersion} has no activity '{newId}'.");
            }
        }

        // Where each occupied activity goes, checked once per activity.
        var targets = new Dictionary<string, CompiledActivity>(StringComparer.Ordinal);
        var occupied = instance.Tokens.Select(t => t.ActivityId)
            .Concat(instance.Incidents.Where(i => !i.Resolved).Select(i => i.ActivityId))
            .Distinct(StringComparer.Ordinal);
        foreach (var activityId in occupied)
        {
            var old = from.Find(activityId);
            var target = activityMap.TryGetValue(activityId, out var mapped) ? to.Find(mapped) : to.Find(activityId);
            if (target is null)
            {
                if (!activityMap.ContainsKey(activityId))
                {
                    problems.Add($"A token is at '{activityId}' ({old?.Behavior.Type ?? "?"}), which v{toVersion} removed: map it to an activity of v{toVersion} in activityMap.");
                }

                continue;
            }

            var waiting = instance.Tokens.Any(t => t.ActivityId == activityId && t.Status == TokenStatus.Waiting);
            if (waiting && old is not null && old.Behavior.Type != target.Behavior.Type)
            {
                problems.Add($"A token waits at '{activityId}' ({old.Behavior.Type}); '{target.Id}' in v{toVersion} is a {target.Behavior.Type}, which cannot take over its wait.");
                continue;
            }

            targets[activityId] = target;
            actions.Add(target.Id == activityId
                ? $"token at '{activityId}' stays at '{activityId}'"
                : $"token at '{activityId}' moves to '{target.Id}'");
        }

        foreach (var task in instance.Tasks)
        {
            if (!targets.TryGetValue(task.ActivityId, out var target))
            {
                continue;
            }

            var newFormKey = FormKeyOf(target) ?? task.FormKey;
            var label = string.Create(CultureInfo.InvariantCulture, $"task {task.Id} '{task.Title}'");
            var formChange = newFormKey != task.FormKey
                ? $"{label}: its form changes from '{task.FormKey}' to '{newFormKey}'"
                : newFormKey is not null && SemanticDiffer.DiffForm(newFormKey, FormOf(from, newFormKey), FormOf(to, newFormKey)) is { } change
                    ? $"{label}: form '{newFormKey}' changed ({Summary(change)}); the open task is answered with the v{toVersion} form"
                    : null;
            actions.Add(formChange ?? $"{label} keeps its assignment and due time");
        }

        foreach (var b in instance.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer && b.DueAt is not null))
        {
            actions.Add(string.Create(CultureInfo.InvariantCulture, $"timer {b.Id} at '{b.ActivityId}' keeps its due time {b.DueAt:O}"));
        }

        var declared = to.Definition.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var added = new List<(string Name, JsonElement Value)>();
        foreach (var v in to.Definition.Variables)
        {
            if (!instance.Variables.ContainsKey(v.Name) && v.Default is { } d)
            {
                added.Add((v.Name, d));
                actions.Add($"variable '{v.Name}' added with its default {d.GetRawText()}");
            }
        }

        foreach (var name in instance.Variables.Keys.Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
        {
            actions.Add($"variable '{name}' is not declared in v{toVersion}; its value is kept");
        }

        if (problems.Count > 0)
        {
            return (new InstanceMigration(instance.Id, false, actions, problems), null);
        }

        if (dryRun)
        {
            return (new InstanceMigration(instance.Id, true, actions, problems), null);
        }

        var session = NewSession(instance, to, _clock.GetUtcNow());
        foreach (var token in instance.Tokens.ToArray())
        {
            if (targets.TryGetValue(token.ActivityId, out var target))
            {
                Relocate(session, token, target, rerun: false);
            }
        }

        foreach (var incident in instance.Incidents)
        {
            if (!incident.Resolved && targets.TryGetValue(incident.ActivityId, out var target))
            {
                incident.ActivityId = target.Id;
            }
        }

        foreach (var (name, value) in added)
        {
            instance.Variables[name] = value.Clone();
        }

        instance.DefinitionVersion = toVersion;
        instance.UpdatedAt = session.Now;
        var data = JsonSerializer.SerializeToElement(
            new Dictionary<string, JsonElement>
            {
                ["fromVersion"] = JsonSerializer.SerializeToElement(fromVersion, EngineJson.Default.Int32),
                ["toVersion"] = JsonSerializer.SerializeToElement(toVersion, EngineJson.Default.Int32),
                ["activityMap"] = JsonSerializer.SerializeToElement(activityMap.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value, EngineJson.Default.String)), EngineJson.Default.DictionaryStringJsonElement),
            },
            EngineJson.Default.DictionaryStringJsonElement);
        session.Journal(JournalKind.InstanceMigrated, null, null, null, actor, data, string.Create(CultureInfo.InvariantCulture, $"Migrated from v{fromVersion} to v{toVersion}."));
        return (new InstanceMigration(instance.Id, true, actions, problems) { Applied = true }, session.Result);
    }

    /// <summary>
    /// Sends the open task <paramref name="taskId"/> back to <paramref name="toActivityId"/>, an
    /// earlier UserTask: the task is cancelled (outcome <c>send-back</c>), its token moves there and
    /// the task is created anew — for <paramref name="previousAssignee"/> when given (who did it last time).
    /// </summary>
    public ResumeOutcome SendBack(CompiledDefinition definition, WorkflowInstance instance, string taskId, string toActivityId, string? previousAssignee, string? actor, string? comment)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Status != InstanceStatus.Running)
        {
            return ResumeOutcome.Rejected($"Instance {instance.Id} is {instance.Status.ToString().ToLowerInvariant()}; only a running instance can send a task back.");
        }

        var task = instance.FindTask(taskId);
        var bookmark = task is null ? null : instance.FindBookmark(task.BookmarkId);
        var token = bookmark is null ? null : instance.FindToken(bookmark.TokenId);
        if (task is null || token is null)
        {
            return ResumeOutcome.AlreadyDone($"Task {taskId} is not open: it was completed or cancelled, or never existed.");
        }

        var target = definition.Find(toActivityId);
        if (target is null || target.Behavior.Type != UserTaskType)
        {
            return ResumeOutcome.Rejected($"toActivityId: '{toActivityId}' is not a user-task step of {definition.Definition.Key} v{definition.Definition.Version}.");
        }

        if (target.Id == task.ActivityId)
        {
            return ResumeOutcome.Rejected($"toActivityId: the task is already at '{toActivityId}'; send it back to an earlier step.");
        }

        var session = NewSession(instance, definition, _clock.GetUtcNow());
        task.Outcome = SendBackOutcome;
        task.CompletedBy = actor;
        session.Journal(JournalKind.TaskSentBack, definition.Find(task.ActivityId), SendBackOutcome, token, actor, null,
            $"Task {task.Id} sent back from '{task.ActivityId}' to '{toActivityId}'." + (string.IsNullOrWhiteSpace(comment) ? "" : " " + comment));
        Relocate(session, token, target, rerun: true);
        RunLoop(session);
        foreach (var created in session.Result.TasksCreated)
        {
            if (created.ActivityId == toActivityId && previousAssignee is not null && instance.FindTask(created.Id) is not null)
            {
                created.Assignee = previousAssignee;
            }
        }

        return new ResumeOutcome(ResumeStatus.Resumed, session.Result);
    }

    public const string SendBackOutcome = "send-back";

    /// <summary>
    /// Points <paramref name="token"/> at <paramref name="target"/>. With <paramref name="rerun"/> the
    /// token leaves its activity (open tasks cancelled, bookmarks removed) and runs the target again;
    /// without, it keeps waiting and its bookmarks, tasks and per-token state are re-keyed in place.
    /// </summary>
    private static void Relocate(RunSession session, Token token, CompiledActivity target, bool rerun)
    {
        var instance = session.Instance;
        var oldId = token.ActivityId;
        if (rerun)
        {
            session.Leave(token);
            token.ActivityId = target.Id;
            token.From = null;
            token.FromPort = null;
            token.Status = TokenStatus.Ready;
            session.Ready.Enqueue(token);
            return;
        }

        token.ActivityId = target.Id;
        var newFormKey = FormKeyOf(target);
        foreach (var b in instance.Bookmarks)
        {
            if (b.TokenId != token.Id)
            {
                continue;
            }

            if (b.ActivityId != target.Id)
            {
                b.ActivityId = target.Id;
                if (!session.Result.BookmarksMoved.Contains(b))
                {
                    session.Result.BookmarksMoved.Add(b);
                }
            }

            if (b.TaskId is { } taskId && instance.FindTask(taskId) is { } task)
            {
                task.ActivityId = target.Id;
                task.DefinitionVersion = session.Definition.Definition.Version;
                task.FormKey = newFormKey ?? task.FormKey;
                if (!session.Result.TasksUpdated.Contains(task))
                {
                    session.Result.TasksUpdated.Add(task);
                }
            }
        }

        if (oldId != target.Id)
        {
            Rekey(instance.ActivityState, string.Concat(oldId, "@", token.Id), string.Concat(target.Id, "@", token.Id));
            var joinPrefix = string.Concat("join:", oldId, ":");
            foreach (var key in instance.ActivityState.Keys.Where(k => k.StartsWith(joinPrefix, StringComparison.Ordinal)).ToList())
            {
                Rekey(instance.ActivityState, key, string.Concat("join:", target.Id, ":", key.AsSpan(joinPrefix.Length)));
            }
        }
    }

    private static void Rekey(Dictionary<string, JsonElement> state, string from, string to)
    {
        if (state.Remove(from, out var value))
        {
            state[to] = value;
        }
    }

    private static string? FormKeyOf(CompiledActivity activity) =>
        activity.Definition.Properties.TryGetValue("formKey", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;

    private static JsonElement? FormOf(CompiledDefinition definition, string formKey) =>
        definition.Definition.Forms.TryGetValue(formKey, out var f) ? f : null;

    private static string Summary(FormChange change)
    {
        var parts = change.Fields.GroupBy(f => f.Change).Select(g => $"{g.Key}: {string.Join(", ", g.Select(f => f.Key))}").ToList();
        if (change.Properties.Count > 0)
        {
            parts.Add("form properties: " + string.Join(", ", change.Properties.Select(p => p.Name)));
        }

        return string.Join("; ", parts);
    }
}
