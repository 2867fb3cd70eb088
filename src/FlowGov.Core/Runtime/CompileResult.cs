using FlowGov.Core.Validation;

namespace FlowGov.Core.Runtime;

public sealed record CompileResult(CompiledDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems)
{
    public bool Ok => Definition is not null;
}
