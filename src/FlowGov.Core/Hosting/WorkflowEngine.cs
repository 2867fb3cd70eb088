using System.Text.Json;
using FlowGov.Core.Activities.Data;
using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;

namespace FlowGov.Core.Hosting;

/// <summary>
/// The engine as its callers see it: start, resume, complete tasks, signal, fire due timers,
/// retry and cancel — each one load → run → commit, retried from a fresh load when another
/// writer got there first, so a bookmark transitions exactly once. After each commit the optional
/// <see cref="ICommitObserver"/> is told (timers are scheduled only once they are durable).
/// </summary>
public sealed partial class WorkflowEngine(IWorkflowStore store, DefinitionCache definitions, WorkflowRunner runner, ICommitObserver? commitObserver = null)
{
    private const int MaxAttempts = 20;

    public IWorkflowStore Store => store;

    public WorkflowRunner Runner => runner;

    public async Task<RunResult> StartAsync(string definitionKey, StartRequest request, int? version = null, CancellationToken cancellationToken = default)
    {
        var definition = await store.FindDefinitionAsync(request.District, definitionKey, version, cancellationToken)
            ?? throw new KeyNotFoundException(version is null
                ? $"No published definition '{definitionKey}' for district '{request.District}'."
                : $"Definition '{definitionKey}' has no version {version}.");
        var compiled = definitions.Get(definition);
        var result = runner.Start(compiled, request);
        result.Audit = request.Audit is { } audit ? audit with { Subject = audit.Subject ?? result.Instance.Id } : null;
        await store.CommitAsync(result, 0, cancellationToken);
        await CommittedAsync(result, cancellationToken);
        await FollowUpAsync(result, cancellationToken);
        return result;
    }

    public Task<ResumeOutcome> ResumeAsync(string bookmarkId, ResumeInput input, CancellationToken cancellationToken = default) =>
        AdvanceAsync(bookmarkId, input, null, cancellationToken);

    /// <summary>
    /// Resumes <paramref name="bookmarkId"/>. <paramref name="check"/> sees the freshly loaded
    /// instance and may refuse (an outcome) or rewrite the input (clean form values).
    /// </summary>
    private async Task<ResumeOutcome> AdvanceAsync(string bookmarkId, ResumeInput input, Func<WorkflowInstance, CompiledDefinition, (ResumeInput? Input, ResumeOutcome? Refusal)>? check, CancellationToken cancellationToken)
    {
        var target = await store.FindResumeTargetAsync(bookmarkId, cancellationToken);
        return target is null
            ? ResumeOutcome.AlreadyDone($"Bookmark {bookmarkId} is not open: it was resumed already, or never existed.")
            : await AdvanceAsync(target, input, check, cancellationToken);
    }

    /// <summary>Resumes a bookmark already looked up; its instance (loaded with it) decides whether it is still open.</summary>
    private Task<ResumeOutcome> AdvanceAsync(ResumeTarget target, ResumeInput input, Func<WorkflowInstance, CompiledDefinition, (ResumeInput? Input, ResumeOutcome? Refusal)>? check, CancellationToken cancellationToken)
    {
        var bookmarkId = target.Bookmark.BookmarkId;
        return TransitionAsync(target.Bookmark.InstanceId, target.Instance, (instance, compiled) =>
        {
            var effective = input;
            if (check is not null && instance.FindBookmark(bookmarkId) is not null)
            {
                var (rewritten, refusal) = check(instance, compiled);
                if (refusal is not null)
                {
                    return refusal;
                }

                effective = rewritten ?? input;
            }

            return WithAudit(runner.Resume(compiled, instance, bookmarkId, effective), effective.Audit);
        }, cancellationToken);
    }

    private Task<ResumeOutcome> TransitionAsync(string instanceId, Func<WorkflowInstance, CompiledDefinition, ResumeOutcome> step, CancellationToken cancellationToken) =>
        TransitionAsync(instanceId, null, step, cancellationToken);

    /// <summary>
    /// Load → step → commit at the loaded revision; when another writer got there first, again from
    /// a fresh load (where a consumed bookmark answers "already done"). Only a Resumed outcome is
    /// committed. <paramref name="loaded"/>, read with the bookmark, stands in for the first load.
    /// </summary>
    private async Task<ResumeOutcome> TransitionAsync(string instanceId, WorkflowInstance? loaded, Func<WorkflowInstance, CompiledDefinition, ResumeOutcome> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var instance = attempt == 1 && loaded is not null ? loaded : await store.LoadInstanceAsync(instanceId, cancellationToken);
            if (instance is null)
            {
                return ResumeOutcome.NotFound($"Instance {instanceId} does not exist.");
            }

            var compiled = await CompiledForAsync(instance, cancellationToken);
            var expected = instance.Revision;
            var outcome = step(instance, compiled);
            if (outcome.Status != ResumeStatus.Resumed)
            {
                return outcome;
            }

            try
            {
                await store.CommitAsync(outcome.Result!, expected, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                continue;
            }

            await CommittedAsync(outcome.Result!, cancellationToken);
            await FollowUpAsync(outcome.Result!, cancellationToken);
            return outcome;
        }
    }

    public async Task<ResumeOutcome> CompleteTaskAsync(string taskId, ResumeInput input, CancellationToken cancellationToken = default)
    {
        var target = await store.FindTaskResumeTargetAsync(taskId, cancellationToken);
        return target is null
            ? ResumeOutcome.AlreadyDone($"Task {taskId} is not open: it was completed or cancelled, or never existed.")
            : await AdvanceAsync(target, input, null, cancellationToken); // no second lookup of the same bookmark
    }

    /// <summary>Delivers a signal to every instance waiting for it with that correlation key.</summary>
    public async Task<IReadOnlyList<ResumeOutcome>> SignalAsync(string signal, string correlation, JsonElement? payload, string? actor = null, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<ResumeOutcome>();
        foreach (var b in await store.FindSignalBookmarksAsync(WaitSignalActivity.KeyOf(signal, correlation), cancellationToken))
        {
            outcomes.Add(await ResumeAsync(b.BookmarkId, new ResumeInput(actor, null, payload), cancellationToken));
        }

        return outcomes;
    }

    /// <summary>Resumes every timer due by the runner's clock; returns how many transitioned.</summary>
    public async Task<int> FireDueTimersAsync(int batch = 500, CancellationToken cancellationToken = default)
    {
        var fired = 0;
        while (true)
        {
            var due = await store.FindDueTimersAsync(runner.Clock.GetUtcNow(), batch, cancellationToken);
            var progressed = 0;
            foreach (var timer in due)
            {
                var outcome = await ResumeAsync(timer.BookmarkId, new ResumeInput("system:timer"), cancellationToken);
                if (outcome.Status == ResumeStatus.Resumed)
                {
                    fired++;
                    progressed++;
                }
            }

            if (due.Count < batch || progressed == 0)
            {
                return fired;
            }
        }
    }

    public Task<ResumeOutcome> RetryAsync(string instanceId, string incidentId, string? actor, IReadOnlyDictionary<string, JsonElement>? variablePatch = null, AuditNote? audit = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(instanceId, (instance, compiled) => WithAudit(runner.Retry(compiled, instance, incidentId, actor, variablePatch), audit), cancellationToken);

    /// <summary>Cancels a running or faulted instance; false when it does not exist or has already ended.</summary>
    public async Task<bool> CancelAsync(string instanceId, string? actor, string? reason, AuditNote? audit = null, CancellationToken cancellationToken = default)
    {
        var outcome = await TransitionAsync(instanceId, (instance, compiled) =>
            instance.Status is InstanceStatus.Completed or InstanceStatus.Cancelled
                ? ResumeOutcome.AlreadyDone($"Instance {instanceId} has already ended.")
                : WithAudit(new ResumeOutcome(ResumeStatus.Resumed, runner.Cancel(compiled, instance, actor, reason)), audit), cancellationToken);
        return outcome.Status == ResumeStatus.Resumed;
    }

    private static ResumeOutcome WithAudit(ResumeOutcome outcome, AuditNote? audit)
    {
        if (audit is not null && outcome is { Status: ResumeStatus.Resumed, Result: { } result })
        {
            result.Audit = audit;
        }

        return outcome;
    }

    private async Task<CompiledDefinition> CompiledForAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var definition = await store.FindDefinitionAsync(instance.District, instance.DefinitionKey, instance.DefinitionVersion, cancellationToken)
            ?? throw new KeyNotFoundException($"Instance {instance.Id} is pinned to '{instance.DefinitionKey}' v{instance.DefinitionVersion}, which the store no longer has.");
        return definitions.Get(definition);
    }

    private ValueTask CommittedAsync(RunResult result, CancellationToken cancellationToken) =>
        commitObserver is null ? ValueTask.CompletedTask : commitObserver.OnCommittedAsync(result, cancellationToken);

    /// <summary>What a commit asks of the host: start children, hand a finished child's output to its parent, cancel orphaned children.</summary>
    private async Task FollowUpAsync(RunResult result, CancellationToken cancellationToken)
    {
        var instance = result.Instance;
        foreach (var child in result.ChildStarts)
        {
            await StartAsync(child.DefinitionKey, new StartRequest
            {
                District = instance.District,
                Input = child.Input,
                BusinessKey = child.BusinessKey ?? instance.BusinessKey,
                StartedBy = instance.StartedBy,
                OrgUnit = instance.OrgUnit,
                ParentInstanceId = child.ParentInstanceId,
                ParentBookmarkId = child.ParentBookmarkId,
            }, child.DefinitionVersion, cancellationToken);
        }

        foreach (var parentBookmark in result.ChildrenToCancel)
        {
            foreach (var childId in await store.FindChildInstancesAsync(parentBookmark, cancellationToken))
            {
                await CancelAsync(childId, "system:parent", "The parent process no longer waits for this sub-process.", null, cancellationToken);
            }
        }

        if (result.StatusChanged && instance.Status == InstanceStatus.Completed && instance.ParentBookmarkId is { } parentBookmarkId)
        {
            await ResumeAsync(parentBookmarkId, new ResumeInput("system:subprocess", null, instance.Output), cancellationToken);
        }
    }
}
