namespace FlowGov.Core.Versioning;

/// <summary>A form field added, removed or changed. <see cref="Key"/> is its path: <c>parties.name</c> for a sub-field of a group.</summary>
public sealed record FieldChange(string Key, string Change, IReadOnlyList<PropertyChange> Properties);
