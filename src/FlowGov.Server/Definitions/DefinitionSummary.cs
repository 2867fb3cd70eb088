namespace FlowGov.Server.Definitions;

/// <summary>A definition key of the district: its name, latest published version (null if none) and draft revision (null if no draft).</summary>
public sealed record DefinitionSummary(string Key, string Name, bool CityTemplate, int? LatestVersion, string? LatestStatus, long? DraftRevision, DateTimeOffset UpdatedAt);
