namespace FlowGov.Core.Versioning;

/// <summary>An activity added, removed or changed; <see cref="Type"/> is its type in the newer version (the older one when removed).</summary>
public sealed record ActivityChange(string Id, string Type, string Change, IReadOnlyList<PropertyChange> Properties);
