namespace FlowGov.Core.Versioning;

/// <summary>A connection added or removed; a connection is identified by its source, port and target, so it never "changes".</summary>
public sealed record ConnectionChange(string Source, string SourcePort, string Target, string Change);
