using System.Collections.Frozen;
using FlowGov.Core.Definitions;

namespace FlowGov.Core.Runtime;

/// <summary>
/// A definition ready to run: activities resolved to behaviours with prepared configs and
/// connections resolved to targets. Built once per (key, version, hash) and shared read-only.
/// </summary>
public sealed class CompiledDefinition
{
    private readonly FrozenDictionary<string, CompiledActivity> _byId;

    internal CompiledDefinition(WorkflowDefinition definition, IReadOnlyList<CompiledActivity> activities, CompiledActivity start)
    {
        Definition = definition;
        Activities = activities;
        Start = start;
        _byId = activities.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public WorkflowDefinition Definition { get; }

    public IReadOnlyList<CompiledActivity> Activities { get; }

    public CompiledActivity Start { get; }

    public CompiledActivity? Find(string activityId) => _byId.TryGetValue(activityId, out var a) ? a : null;

    public CompiledActivity Get(string activityId) =>
        Find(activityId) ?? throw new InvalidOperationException($"Activity '{activityId}' is not in {Definition.Key} v{Definition.Version}.");
}
