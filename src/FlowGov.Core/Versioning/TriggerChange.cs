namespace FlowGov.Core.Versioning;

public sealed record TriggerChange(string Id, string Change, IReadOnlyList<PropertyChange> Properties);
