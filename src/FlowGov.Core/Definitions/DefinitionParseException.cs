using FlowGov.Core.Validation;

namespace FlowGov.Core.Definitions;

/// <summary>A definition's JSON could not be read; <see cref="Problem"/> says where (1-based line and column).</summary>
public sealed class DefinitionParseException : Exception
{
    public DefinitionParseException(DefinitionProblem problem, Exception? inner = null)
        : base(problem.ToString(), inner) => Problem = problem;

    public DefinitionProblem Problem { get; }
}
