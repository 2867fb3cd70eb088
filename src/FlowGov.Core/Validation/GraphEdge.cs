namespace FlowGov.Core.Validation;

/// <summary>A connection of <see cref="DefinitionGraph"/>: its index in <c>connections</c>, source, port and target.</summary>
internal sealed record GraphEdge(int Index, string From, string Port, string To);
