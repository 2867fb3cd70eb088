namespace FlowGov.Core.Runtime;

/// <summary>What scripts see as <c>instance</c>.</summary>
public sealed record InstanceView(string Id, string DefinitionKey, int DefinitionVersion, string? District, string? BusinessKey, string? StartedBy, DateTimeOffset CreatedAt);
