namespace FlowGov.Core.Versioning;

public sealed record VariableChange(string Name, string Change, IReadOnlyList<PropertyChange> Properties);
