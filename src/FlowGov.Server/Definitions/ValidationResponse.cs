using FlowGov.Core.Validation;

namespace FlowGov.Server.Definitions;

/// <summary>Every problem at once, each located by activity, property, line and column.</summary>
public sealed record ValidationResponse(bool Ok, IReadOnlyList<DefinitionProblem> Problems);
