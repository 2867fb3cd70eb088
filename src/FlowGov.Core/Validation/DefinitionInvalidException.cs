namespace FlowGov.Core.Validation;

/// <summary>A definition that fails validation was asked to run or publish.</summary>
public sealed class DefinitionInvalidException(string key, int version, IReadOnlyList<DefinitionProblem> problems)
    : Exception($"Definition '{key}' v{version} is invalid: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" (+{problems.Count - 5} more)" : "")}")
{
    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}
