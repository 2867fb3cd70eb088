namespace FlowGov.Core.Versioning;

/// <summary>A form added, removed or changed: its fields one by one, and form-level properties (title, actions, validate) apart.</summary>
public sealed record FormChange(string Key, string Change, IReadOnlyList<FieldChange> Fields, IReadOnlyList<PropertyChange> Properties);
