namespace FlowGov.Core.Validation;

/// <summary>
/// One thing wrong with a definition, located as precisely as we can: the activity, its property,
/// and for scripts the line and column inside that property's source.
/// </summary>
public sealed record DefinitionProblem(string Code, string Message)
{
    public string? ActivityId { get; init; }

    public string? Property { get; init; }

    public int? Line { get; init; }

    public int? Column { get; init; }

    /// <summary>Index into <c>connections</c> when a connection is at fault.</summary>
    public int? ConnectionIndex { get; init; }

    /// <summary>A JSON path for problems outside activities (variables, forms, triggers).</summary>
    public string? Path { get; init; }

    public override string ToString()
    {
        var where = ActivityId is null ? Path ?? (ConnectionIndex is { } c ? $"connections[{c}]" : "definition") : $"activity '{ActivityId}'";
        if (Property is not null)
        {
            where += $", property '{Property}'";
        }

        if (Line is not null)
        {
            where += $", line {Line}, column {Column}";
        }

        return $"{where}: {Message} [{Code}]";
    }
}
