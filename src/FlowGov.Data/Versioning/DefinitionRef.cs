namespace FlowGov.Data.Versioning;

/// <summary>A published version of a definition, e.g. the one a draft was forked from.</summary>
public sealed record DefinitionRef(string Key, int Version);
