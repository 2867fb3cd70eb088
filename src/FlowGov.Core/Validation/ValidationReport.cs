using FlowGov.Core.Runtime;

namespace FlowGov.Core.Validation;

/// <summary>
/// Every problem of a definition at once. A definition with any problem can never be published or
/// run; when there is none, <see cref="Compiled"/> holds the compiled definition.
/// </summary>
public sealed record ValidationReport(IReadOnlyList<DefinitionProblem> Problems)
{
    public bool Ok => Problems.Count == 0;

    /// <summary>The compiled definition when <see cref="Ok"/>; otherwise null.</summary>
    public CompiledDefinition? Compiled { get; init; }
}
