namespace FlowGov.Core.Forms;

/// <summary>
/// One problem in a form definition: where (field path such as <c>parties.phone</c>, empty for the
/// form itself), which property, what, and for scripts the 1-based line and column.
/// </summary>
public sealed record FormDefinitionProblem(string Field, string Property, string Message, int? Line = null, int? Column = null)
{
    public override string ToString()
    {
        var where = Field.Length == 0 ? Property : $"{Field}.{Property}";
        return Line is null ? $"{where}: {Message}" : $"{where} (line {Line}, column {Column}): {Message}";
    }
}
