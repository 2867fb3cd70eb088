namespace FlowGov.Server.Definitions;

/// <summary>One difference: an activity, connection, variable, form or trigger that was added, removed or changed (and what of it changed).</summary>
public sealed record DiffEntry(string Kind, string Id, string Change, IReadOnlyList<string>? Fields = null);
