namespace FlowGov.Core.Forms;

/// <summary>Thrown by <see cref="FormDefinition.Parse"/> when a definition cannot be read; carries every problem found.</summary>
public sealed class FormDefinitionException : Exception
{
    public FormDefinitionException()
        : this([])
    {
    }

    public FormDefinitionException(string message)
        : base(message)
    {
        Problems = [];
    }

    public FormDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public FormDefinitionException(IReadOnlyList<FormDefinitionProblem> problems)
        : base("Invalid form definition: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<FormDefinitionProblem> Problems { get; }
}
