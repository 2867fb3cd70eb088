namespace FlowGov.Server.Definitions;

/// <summary>What changed from one version (0 = the draft) to another.</summary>
public sealed record DefinitionDiff(string Key, int From, int To, bool Identical, IReadOnlyList<DiffEntry> Changes);
