using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;

namespace FlowGov.Core.Runtime;

/// <summary>An activity with its behaviour, prepared config and resolved outgoing connections.</summary>
public sealed class CompiledActivity
{
    private static readonly CompiledActivity[] None = [];
    private Dictionary<string, CompiledActivity[]> _outgoing = new(StringComparer.Ordinal);

    internal CompiledActivity(ActivityDefinition definition, ActivityBehavior behavior, object? config, IReadOnlyList<string> ports)
    {
        Definition = definition;
        Behavior = behavior;
        Config = config;
        Ports = ports;
    }

    public ActivityDefinition Definition { get; }

    public string Id => Definition.Id;

    public ActivityBehavior Behavior { get; }

    public object? Config { get; }

    public IReadOnlyList<string> Ports { get; }

    /// <summary>Distinct (source activity, port) pairs that lead here: what a join waits for.</summary>
    public IReadOnlyList<(string From, string Port)> Inbound { get; private set; } = [];

    /// <summary>Targets on the <c>done</c> port, kept apart for the hot path.</summary>
    internal CompiledActivity[] DoneTargets { get; private set; } = None;

    public CompiledActivity[] Targets(string port) =>
        ReferenceEquals(port, Definitions.Ports.Done) || port == Definitions.Ports.Done ? DoneTargets
        : _outgoing.TryGetValue(port, out var t) ? t : None;

    internal void SetOutgoing(Dictionary<string, CompiledActivity[]> outgoing)
    {
        _outgoing = outgoing;
        DoneTargets = outgoing.TryGetValue(Definitions.Ports.Done, out var d) ? d : None;
    }

    internal void SetInbound(IReadOnlyList<(string From, string Port)> inbound) => Inbound = inbound;
}
