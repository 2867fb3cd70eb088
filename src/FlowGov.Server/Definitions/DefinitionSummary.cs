namespace FlowGov.Server.Definitions;

/// <summary>
/// A definition key of the district: its name, latest published version (null if none), draft revision (null if
/// no draft), and when and by whom (user id) its draft or a version last changed.
/// </summary>
public sealed record DefinitionSummary(string Key, string Name, bool CityTemplate, int? LatestVersion, string? LatestStatus, long? DraftRevision, DateTimeOffset UpdatedAt, string? UpdatedBy);
