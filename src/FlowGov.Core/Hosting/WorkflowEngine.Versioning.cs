using FlowGov.Core.Runtime;
using FlowGov.Core.Versioning;

namespace FlowGov.Core.Hosting;

/// <summary>Migrating running instances between versions and sending tasks back: token moves through the same load → step → commit loop.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Migrates one instance from <paramref name="fromVersion"/> to <paramref name="toVersion"/> of its
    /// definition in one commit (optimistic concurrency, retried from a fresh load), or with
    /// <paramref name="dryRun"/> only reports what it would do. Never restarts the instance.
    /// </summary>
    public async Task<InstanceMigration> MigrateAsync(string instanceId, int fromVersion, int toVersion, IReadOnlyDictionary<string, string> activityMap, string? actor, bool dryRun, CancellationToken cancellationToken = default)
    {
        var probe = await store.LoadInstanceAsync(instanceId, cancellationToken);
        if (probe is null)
        {
            return new InstanceMigration(instanceId, false, [], [$"Instance {instanceId} does not exist."]);
        }

        var target = await store.FindDefinitionAsync(probe.District, probe.DefinitionKey, toVersion, cancellationToken);
        if (target is null)
        {
            return new InstanceMigration(instanceId, false, [], [$"toVersion: '{probe.DefinitionKey}' has no published version {toVersion}."]);
        }

        var to = definitions.Get(target);
        InstanceMigration? report = null;
        var outcome = await TransitionAsync(instanceId, (instance, from) =>
        {
            if (instance.DefinitionVersion != fromVersion)
            {
                report = new InstanceMigration(instance.Id, false, [], [$"fromVersion: instance {instance.Id} is pinned to v{instance.DefinitionVersion}, not v{fromVersion}."]);
                return ResumeOutcome.Rejected(report.Problems[0]);
            }

            var (planned, result) = runner.Migrate(from, to, instance, activityMap, actor, dryRun);
            report = planned;
            return result is null ? ResumeOutcome.Rejected(dryRun ? "Dry run." : string.Join(" ", planned.Problems)) : new ResumeOutcome(ResumeStatus.Resumed, result);
        }, cancellationToken);
        return report ?? new InstanceMigration(instanceId, false, [], [outcome.Message ?? $"Instance {instanceId} could not be migrated."]);
    }

    /// <summary>Sends the open task back to an earlier user-task step (退回); the re-created task goes to <paramref name="previousAssignee"/> when given.</summary>
    public async Task<ResumeOutcome> SendBackAsync(string taskId, string toActivityId, string? previousAssignee, string? actor, string? comment, AuditNote? audit = null, CancellationToken cancellationToken = default)
    {
        var target = await store.FindTaskResumeTargetAsync(taskId, cancellationToken);
        return target is null
            ? ResumeOutcome.AlreadyDone($"Task {taskId} is not open: it was completed or cancelled, or never existed.")
            : await TransitionAsync(target.Bookmark.InstanceId, target.Instance, (instance, compiled) => WithAudit(runner.SendBack(compiled, instance, taskId, toActivityId, previousAssignee, actor, comment), audit), cancellationToken);
    }
}
