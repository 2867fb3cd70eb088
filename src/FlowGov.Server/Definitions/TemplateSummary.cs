namespace FlowGov.Server.Definitions;

/// <summary>A city template: its latest published version, which districts fork.</summary>
public sealed record TemplateSummary(string Key, string Name, int LatestVersion, DateTimeOffset? PublishedAt);
