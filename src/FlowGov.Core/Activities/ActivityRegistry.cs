using System.Collections.Frozen;
using FlowGov.Core.Activities.Data;
using FlowGov.Core.Activities.Flow;
using FlowGov.Core.Activities.Human;
using FlowGov.Core.Activities.Time;

namespace FlowGov.Core.Activities;

/// <summary>The activity types an engine knows, by type name. The designer's palette is built from their descriptors.</summary>
public sealed class ActivityRegistry
{
    private readonly FrozenDictionary<string, ActivityBehavior> _byType;

    public ActivityRegistry(IEnumerable<ActivityBehavior> behaviors)
    {
        _byType = behaviors.ToFrozenDictionary(b => b.Type, StringComparer.Ordinal);
    }

    /// <summary>Every built-in activity.</summary>
    public static ActivityRegistry Default { get; } = new(
    [
        new StartActivity(), new EndActivity(), new TerminateActivity(), new DecisionActivity(), new SwitchActivity(),
        new ForkActivity(), new JoinActivity(), new SubProcessActivity(),
        new UserTaskActivity(), new MultiInstanceTaskActivity(), new VoteActivity(),
        new DelayActivity(), new WaitUntilActivity(),
        new SetVariableActivity(), new ScriptActivity(), new NotifyActivity(), new WaitSignalActivity(),
    ]);

    public IEnumerable<ActivityDescriptor> Descriptors => _byType.Values.Select(b => b.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Type);

    /// <remarks>A null type (<c>"type": null</c> in JSON gets past the serializer) is unknown, not a crash.</remarks>
    public bool TryGet(string? type, out ActivityBehavior behavior)
    {
        if (type is null)
        {
            behavior = null!;
            return false;
        }

        return _byType.TryGetValue(type, out behavior!);
    }
}
