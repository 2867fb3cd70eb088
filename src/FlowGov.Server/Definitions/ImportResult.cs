using FlowGov.Core.Validation;

namespace FlowGov.Server.Definitions;

/// <summary>What became of one definition of an imported bundle: published as <see cref="Version"/>, or its problems.</summary>
public sealed record ImportResult(int Index, string? Key, int? Version, IReadOnlyList<DefinitionProblem> Problems);
