namespace FlowGov.Server.Definitions;

/// <summary>Where a district definition came from, and what the template changed since (<see cref="Diff"/>: forked-from version → template's latest).</summary>
public sealed record LineageResponse(string TemplateKey, int ForkedFromVersion, int TemplateLatestVersion, DefinitionDiff Diff);
