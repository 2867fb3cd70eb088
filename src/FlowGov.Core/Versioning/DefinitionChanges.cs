namespace FlowGov.Core.Versioning;

/// <summary>The semantic difference between two definitions (see docs/versioning.md).</summary>
public sealed record DefinitionChanges
{
    /// <summary>Header properties: name, description.</summary>
    public IReadOnlyList<PropertyChange> Definition { get; init; } = [];

    public IReadOnlyList<ActivityChange> Activities { get; init; } = [];

    public IReadOnlyList<ConnectionChange> Connections { get; init; } = [];

    public IReadOnlyList<VariableChange> Variables { get; init; } = [];

    public IReadOnlyList<FormChange> Forms { get; init; } = [];

    public IReadOnlyList<TriggerChange> Triggers { get; init; } = [];

    public bool Identical =>
        Definition.Count == 0 && Activities.Count == 0 && Connections.Count == 0 && Variables.Count == 0 && Forms.Count == 0 && Triggers.Count == 0;
}
