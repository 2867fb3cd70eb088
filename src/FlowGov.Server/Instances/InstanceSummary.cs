namespace FlowGov.Server.Instances;

public sealed record InstanceSummary(string Id, string DefinitionKey, int DefinitionVersion, string Status, string? BusinessKey, string? StartedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt, bool Test = false, string? OrgUnit = null);
